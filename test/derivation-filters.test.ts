import { afterAll, describe, expect, it } from 'vitest';
import { toPlain } from '../src/db/values.js';
import { testApp, testNeo4j } from './helpers.js';

const api = testApp();
afterAll(() => api.close());

/** A count straight from the graph, to hold the API's answer against (no GraphQL, no filter compiler). */
async function count(cypher: string): Promise<number> {
  const res = await api.driver.executeQuery(cypher, {}, { database: testNeo4j().database });
  return (toPlain(res.records[0]?.toObject()) as { n: number }).n;
}

interface Edge {
  id: string;
  derivation: string;
}
const ids = (xs: { id: string }[]) => xs.map((x) => x.id);

describe('EntityWhere.derivation (Query.entities, Query.entityAggregate)', () => {
  it('[RULE]: the 33 themes (rule theme-table) and the 100 KPI-table metrics (rule kpi-table), nothing a curator wrote', async () => {
    const d = await api.data(/* GraphQL */ `
      {
        rule: entities(where: { derivation: [RULE] }, first: 3, sort: [{ by: ID }]) { totalCount edges { node { id derivation rule } } }
        byKind: entityAggregate(where: { derivation: [RULE] }, groupBy: { field: KIND }) { count groups { key count } }
        themes: entities(where: { kinds: [THEME] }) { totalCount }
        kpi: entities(where: { kinds: [METRIC], source: KPI_TABLE }) { totalCount }
        statedThemes: entityAggregate(where: { kinds: [THEME], derivation: [STATED, INFERRED] }) { count }
      }
    `);
    expect(d.rule.totalCount).toBe(133);
    expect(d.byKind).toEqual({
      count: 133,
      groups: [
        { key: 'METRIC', count: 100 },
        { key: 'THEME', count: 33 },
      ],
    });
    // Every theme is RULE, and the RULE metrics are exactly those of the KPI table.
    expect(d.themes.totalCount).toBe(33);
    expect(d.kpi.totalCount).toBe(100);
    expect(d.statedThemes.count).toBe(0);
    for (const { node } of d.rule.edges)
      expect(node).toMatchObject({ derivation: 'RULE', rule: expect.stringMatching(/^(kpi|theme)-table$/) });
    expect(d.rule.totalCount).toBe(await count("MATCH (n:Entity) WHERE n.derivation = 'RULE' RETURN count(n) AS n"));
  });

  it('[INFERRED]: the one province the report never names, region/ningxia (寧夏)', async () => {
    const d = await api.data(/* GraphQL */ `
      {
        inferred: entities(where: { derivation: [INFERRED] }) { totalCount edges { node { id nameZh derivation ... on Region { level } } } }
        provinces: entityAggregate(where: { levels: [PROVINCE], derivation: [STATED] }) { count }
        allProvinces: entityAggregate(where: { levels: [PROVINCE] }) { count }
      }
    `);
    expect(d.inferred.totalCount).toBe(1);
    expect(d.inferred.edges[0].node).toEqual({ id: 'region/ningxia', nameZh: '寧夏', derivation: 'INFERRED', level: 'province' });
    expect(d.provinces.count).toBe(d.allProvinces.count - 1);
  });

  it('all three derivations match every entity; inside `or` each branch keeps its own list', async () => {
    const d = await api.data(/* GraphQL */ `
      {
        every: entityAggregate(where: { derivation: [STATED, RULE, INFERRED] }) { count }
        all: entityAggregate { count }
        either: entities(where: { or: [{ derivation: [INFERRED] }, { kinds: [THEME], derivation: [RULE] }] }) { totalCount }
      }
    `);
    expect(d.every.count).toBe(d.all.count);
    expect(d.all.count).toBe(await count('MATCH (n:Entity) RETURN count(n) AS n'));
    expect(d.either.totalCount).toBe(34);
  });
});

describe('RelatedTo.derivations (Query.entities, Query.entityAggregate)', () => {
  it('the 31 provincial branches are BRANCH_OF the operating company only by INFERRED edges: none by a STATED one', async () => {
    const d = await api.data(/* GraphQL */ `
      {
        any: entities(where: { kinds: [BRANCH], relatedTo: { id: "company/china-unicom-operating", relationTypes: [BRANCH_OF], direction: OUT } }) {
          totalCount
        }
        stated: entities(
          where: { kinds: [BRANCH], relatedTo: { id: "company/china-unicom-operating", relationTypes: [BRANCH_OF], direction: OUT, derivations: [STATED] } }
        ) { totalCount }
        inferred: entityAggregate(
          where: { kinds: [BRANCH], relatedTo: { id: "company/china-unicom-operating", direction: OUT, derivations: [INFERRED] } }
        ) { count }
      }
    `);
    expect(d.any.totalCount).toBe(31);
    expect(d.stated.totalCount).toBe(0);
    expect(d.inferred.count).toBe(31);
  });

  it('a city branch whose printed name carries its province is BRANCH_OF it by a STATED edge (廣東肇慶聯通 → 廣東聯通)', async () => {
    const d = await api.data(/* GraphQL */ `
      {
        stated: entities(where: { kinds: [BRANCH], relatedTo: { where: { kinds: [BRANCH] }, relationTypes: [BRANCH_OF], direction: OUT, derivations: [STATED] } }, first: 50) {
          totalCount edges { node { id } }
        }
      }
    `);
    expect(ids(d.stated.edges.map((e: { node: { id: string } }) => e.node))).toContain('branch/guangdong-zhaoqing');
    expect(d.stated.totalCount).toBe(
      await count("MATCH (a:Branch)-[r:BRANCH_OF {derivation: 'STATED'}]->(:Branch) RETURN count(DISTINCT a) AS n"),
    );
    expect(d.stated.totalCount).toBeGreaterThan(0);
  });

  it('region/ningxia is linked to its branch and to China only by INFERRED edges', async () => {
    const d = await api.data(/* GraphQL */ `
      {
        any: entities(where: { relatedTo: { id: "region/ningxia" } }) { edges { node { id } } }
        stated: entities(where: { relatedTo: { id: "region/ningxia", derivations: [STATED] } }) { totalCount }
      }
    `);
    expect(d.any.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(['branch/ningxia', 'region/china']);
    expect(d.stated.totalCount).toBe(0);
  });
});

describe('Query.neighborhood(derivations:)', () => {
  it('branch/ningxia with [STATED]: only the pledge it signed (L651); its INFERRED BRANCH_OF and LOCATED_IN (L3799) are not followed', async () => {
    const d = await api.data(/* GraphQL */ `
      {
        all: neighborhood(id: "branch/ningxia") { nodes { id } edges { id derivation } }
        stated: neighborhood(id: "branch/ningxia", derivations: [STATED]) { nodes { id } edges { id derivation } truncated }
      }
    `);
    expect(ids(d.all.nodes)).toEqual([
      'branch/ningxia',
      'company/china-unicom-operating',
      'publication/poverty-alleviation-responsibility-pledge',
      'region/ningxia',
    ]);
    expect(d.all.edges.map((e: Edge) => e.derivation)).toEqual(['INFERRED', 'INFERRED', 'STATED']);
    expect(d.stated).toEqual({
      nodes: [{ id: 'branch/ningxia' }, { id: 'publication/poverty-alleviation-responsibility-pledge' }],
      edges: [{ id: 'SIGNED:branch/ningxia->publication/poverty-alleviation-responsibility-pledge', derivation: 'STATED' }],
      truncated: false,
    });
  });

  it('the filter applies at every hop: three hops of STATED edges from region/ningxia reach nothing, INFERRED ones only INFERRED', async () => {
    const d = await api.data(/* GraphQL */ `
      {
        stated: neighborhood(id: "region/ningxia", depth: 3, derivations: [STATED]) { nodes { id } edges { id } }
        inferred: neighborhood(id: "region/ningxia", depth: 2, derivations: [INFERRED], limit: 1000) { nodes { id } edges { id derivation } }
      }
    `);
    expect(d.stated).toEqual({ nodes: [{ id: 'region/ningxia' }], edges: [] });
    const inferred = ids(d.inferred.nodes);
    // ningxia → its branch → the operating company (INFERRED BRANCH_OF), and ningxia → China.
    expect(inferred).toEqual(expect.arrayContaining(['branch/ningxia', 'region/china', 'company/china-unicom-operating']));
    // Not the pledge: branch/ningxia signed it by a STATED edge.
    expect(inferred).not.toContain('publication/poverty-alleviation-responsibility-pledge');
    expect(new Set(d.inferred.edges.map((e: Edge) => e.derivation))).toEqual(new Set(['INFERRED']));
    // Hop 2 holds exactly what one INFERRED edge from ningxia's two neighbours reaches.
    expect(inferred.length).toBe(
      await count(
        "MATCH (c:Entity {id: 'region/ningxia'})-[r1 {derivation: 'INFERRED'}]-(a:Entity) OPTIONAL MATCH (a)-[r2 {derivation: 'INFERRED'}]-(b:Entity) WITH collect(DISTINCT a) + collect(DISTINCT b) AS xs UNWIND xs AS x RETURN count(DISTINCT x) AS n",
      ),
    );
  });
});

describe('Query.paths(derivations:)', () => {
  it('region/ningxia → region/china: one INFERRED LOCATED_IN; with [STATED] no path at all, however long', async () => {
    const d = await api.data(/* GraphQL */ `
      {
        any: paths(from: "region/ningxia", to: "region/china") { length edges { id derivation } }
        stated: paths(from: "region/ningxia", to: "region/china", derivations: [STATED], maxLength: 6) { length }
      }
    `);
    expect(d.any).toEqual([{ length: 1, edges: [{ id: 'LOCATED_IN:region/ningxia->region/china', derivation: 'INFERRED' }] }]);
    expect(d.stated).toEqual([]);
  });

  it('雲鏑 → the operating company: the INFERRED SUBSIDIARY_OF (L3671), or with [STATED] three stated steps through its platform and 中國聯通', async () => {
    const d = await api.data(/* GraphQL */ `
      {
        any: paths(from: "subsidiary/yundi", to: "company/china-unicom-operating") { length edges { id derivation } }
        stated: paths(from: "subsidiary/yundi", to: "company/china-unicom-operating", derivations: [STATED], first: 20) {
          length nodes { id } edges { derivation }
        }
      }
    `);
    expect(d.any).toEqual([
      { length: 1, edges: [{ id: 'SUBSIDIARY_OF:subsidiary/yundi->company/china-unicom-operating', derivation: 'INFERRED' }] },
    ]);
    expect(d.stated.length).toBeGreaterThan(0);
    for (const p of d.stated) {
      expect(p.length).toBe(3);
      expect(new Set(p.edges.map((e: Edge) => e.derivation))).toEqual(new Set(['STATED']));
    }
    expect(d.stated.map((p: { nodes: { id: string }[] }) => ids(p.nodes))).toContainEqual([
      'subsidiary/yundi',
      'product/yundi-industrial-internet-platform',
      'company/china-unicom-hk',
      'company/china-unicom-operating',
    ]);
  });

  it('an unknown end is still NOT_FOUND with derivations, not an empty list', async () => {
    const r = await api.gql(/* GraphQL */ `{ paths(from: "region/ningxia", to: "region/nowhere", derivations: [STATED]) { length } }`);
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'to' });
  });
});
