import { afterAll, describe, expect, it } from 'vitest';
import { toPlain } from '../src/db/values.js';
import { testApp, testNeo4j } from './helpers.js';

const api = testApp();
afterAll(() => api.close());

async function rows<T>(cypher: string): Promise<T[]> {
  const res = await api.driver.executeQuery(cypher, {}, { database: testNeo4j().database });
  return res.records.map((r) => toPlain(r.toObject()) as T);
}

interface Rel {
  id: string;
  type: string;
  derivation: string;
  rule: string | null;
  inferred: boolean;
  node: { id: string };
}

/** Every relationship of one entity through the API, of the given types, with how each was derived. */
async function relations(id: string, types: string[] | null = null): Promise<Rel[]> {
  const d = await api.data(
    /* GraphQL */ `
      query ($id: ID!, $types: [RelationType!]) {
        entity(id: $id) {
          relations(relationTypes: $types, first: 100) { edges { id type derivation rule inferred node { id } } }
        }
      }
    `,
    { id, types },
  );
  return d.entity.relations.edges;
}

describe('RelationEdge.derivation', () => {
  it('marks an ABOUT edge of the sentence rule that a person read and judged right (checked) STATED, with no rule', async () => {
    const edges = await relations('subsidiary/unicom-big-data', ['ABOUT']);
    expect(edges.find((e) => e.node.id === 'theme/big-data')).toMatchObject({ derivation: 'STATED', rule: null, inferred: false });
  });

  it('marks the REPORTS edge the seeder writes to every metric RULE "reports-metric"', async () => {
    const edges = await relations('metric/4g-base-stations-in-service', ['REPORTS']);
    expect(edges.find((e) => e.node.id === 'company/china-unicom-hk')).toMatchObject({
      derivation: 'RULE',
      rule: 'reports-metric',
      inferred: false,
    });
  });

  it('marks an ABOUT edge a person added (seed/rules/themes.yaml stated) STATED', async () => {
    const edges = await relations('partner/gehua-catv', ['ABOUT']);
    expect(edges.find((e) => e.node.id === 'theme/media-content')).toMatchObject({ derivation: 'STATED', rule: null });
  });

  it('marks the Meituan agreement (PARTNERS_WITH company/china-unicom-hk → partner/meituan) STATED', async () => {
    const edges = await relations('partner/meituan', ['PARTNERS_WITH']);
    const agreement = edges.find((e) => e.id === 'PARTNERS_WITH:company/china-unicom-hk->partner/meituan');
    expect(agreement).toMatchObject({ derivation: 'STATED', rule: null, inferred: false });
  });

  it('gives every ABOUT edge a derivation: STATED, since a person read every tag of the rule (the seeded graph)', async () => {
    const counts = await rows<{ derivation: string | null; rule: string | null; n: number }>(
      'MATCH ()-[r:ABOUT]->() RETURN r.derivation AS derivation, r.rule AS rule, count(*) AS n ORDER BY derivation',
    );
    expect(counts.map((c) => [c.derivation, c.rule])).toEqual([['STATED', null]]);
    expect(counts.reduce((n, c) => n + c.n, 0)).toBeGreaterThan(350);
  });

  it('gives all 31 provincial BRANCH_OF edges one derivation: INFERRED (no line names their parent)', async () => {
    const edges = await relations('company/china-unicom-operating', ['BRANCH_OF']);
    expect(edges).toHaveLength(31);
    expect(new Set(edges.map((e) => e.derivation))).toEqual(new Set(['INFERRED']));
  });

  it('keeps the deprecated `inferred` in step with derivation on every relationship of a hub and a branch', async () => {
    const edges = [
      ...(await relations('company/china-unicom-operating', ['BRANCH_OF', 'SUBSIDIARY_OF'])),
      ...(await relations('branch/guangdong')),
      ...(await relations('subsidiary/unicom-big-data')),
      ...(await relations('metric/4g-base-stations-in-service')),
    ];
    expect(edges.length).toBeGreaterThan(40);
    for (const e of edges) expect(e.inferred, e.id).toBe(e.derivation === 'INFERRED');
    expect(new Set(edges.map((e) => e.derivation))).toEqual(new Set(['STATED', 'RULE', 'INFERRED']));
  });

  it('marks the REPORTS edges the seeder writes RULE "reports-metric"', async () => {
    const edges = await relations('metric/4g-base-stations-in-service', ['REPORTS']);
    expect(edges.map((e) => [e.derivation, e.rule])).toEqual([['RULE', 'reports-metric']]);
  });
});

describe('MetricValue.derivation and Entity.derivation', () => {
  it('marks a KPI-table value (4G base stations, 2019 = 141) and its metric RULE "kpi-table"', async () => {
    const d = await api.data(/* GraphQL */ `
      {
        entity(id: "metric/4g-base-stations-in-service") {
          derivation rule
          ... on Metric { values { year value derivation rule } }
        }
      }
    `);
    expect(d.entity).toMatchObject({ derivation: 'RULE', rule: 'kpi-table' });
    expect(d.entity.values.find((v: { year: number }) => v.year === 2019)).toEqual({
      year: 2019,
      value: 141,
      derivation: 'RULE',
      rule: 'kpi-table',
    });
  });

  it('marks a curated entity STATED, a theme RULE "theme-table" and the one province the report never names INFERRED', async () => {
    const d = await api.data(/* GraphQL */ `
      {
        meituan: entity(id: "partner/meituan") { derivation rule }
        theme: entity(id: "theme/big-data") { derivation rule }
        ningxia: entity(id: "region/ningxia") { derivation rule }
      }
    `);
    expect(d).toEqual({
      meituan: { derivation: 'STATED', rule: null },
      theme: { derivation: 'RULE', rule: 'theme-table' },
      ningxia: { derivation: 'INFERRED', rule: null },
    });
  });
});

describe('Edge.derivation (paths and neighbourhood)', () => {
  it('carries derivation and rule on the flat edges of a neighbourhood and a path', async () => {
    const d = await api.data(/* GraphQL */ `
      {
        neighborhood(id: "subsidiary/unicom-big-data", depth: 1, limit: 50) { edges { id derivation rule } }
        paths(from: "metric/4g-base-stations-in-service", to: "company/china-unicom-hk", maxLength: 1) { edges { id derivation rule } }
      }
    `);
    const byId = new Map<string, { derivation: string; rule: string | null }>(
      d.neighborhood.edges.map((e: { id: string; derivation: string; rule: string | null }) => [e.id, e]),
    );
    expect(byId.get('ABOUT:subsidiary/unicom-big-data->theme/big-data')).toMatchObject({ derivation: 'STATED', rule: null });
    expect(byId.get('SUBSIDIARY_OF:subsidiary/unicom-big-data->company/china-unicom-operating')).toMatchObject({
      derivation: 'INFERRED',
      rule: null,
    });
    expect(d.paths[0].edges).toEqual([
      { id: 'REPORTS:company/china-unicom-hk->metric/4g-base-stations-in-service', derivation: 'RULE', rule: 'reports-metric' },
    ]);
  });
});
