import { afterAll, describe, expect, it } from 'vitest';
import { toPlain } from '../src/db/values.js';
import { testApp, testNeo4j } from './helpers.js';

const api = testApp();
afterAll(() => api.close());

async function rows<T>(cypher: string): Promise<T[]> {
  const res = await api.driver.executeQuery(cypher, {}, { database: testNeo4j().database });
  return res.records.map((r) => toPlain(r.toObject()) as T);
}

describe('Partner and Organization (one rule, DATA.md)', () => {
  it('gives every PARTNER a cooperation edge and no ORGANIZATION a partnership', async () => {
    const idle = await rows<{ id: string }>(
      'MATCH (p:Partner) WHERE NOT EXISTS { (p)-[:PARTNERS_WITH|CO_FOUNDED|CO_DEVELOPED|PARTICIPATES_IN|ORGANIZED|PUBLISHED]-(:Entity) } RETURN p.id AS id',
    );
    expect(idle).toEqual([]);
    const partnering = await rows<{ id: string }>(
      'MATCH (o:Organization)-[:PARTNERS_WITH|CO_FOUNDED|CO_DEVELOPED]-(:Entity) RETURN DISTINCT o.id AS id',
    );
    expect(partnering).toEqual([]);
  });

  it('types the customers, users, clients and covered sites the report names (no longer PARTNERS_WITH)', async () => {
    const d = await api.data(/* GraphQL */ `
      {
        hiSpeed: entity(name: "山東高速") { kind ... on Organization { servedBy { id } } }
        police: entity(name: "東街口派出所") { kind ... on Organization { servedBy { id } } }
        hospital: entity(name: "火神山醫院") { kind ... on Organization { servedBy { id } } }
        yunnan: entity(name: "雲南省政府") { kind ... on Organization { servedBy { id } } }
        kuaishou: entity(name: "快手") { relations { edges { type direction node { id } } } }
        bilibili: entity(name: "B站") { kind ... on Partner { partnerships { label } } }
      }
    `);
    expect(d.hiSpeed).toEqual({ kind: 'ORGANIZATION', servedBy: [{ id: 'product/wo-cloud' }] });
    expect(d.police).toEqual({ kind: 'ORGANIZATION', servedBy: [{ id: 'product/huiheje-dispute-resolution-platform' }] });
    expect(d.hospital).toEqual({ kind: 'ORGANIZATION', servedBy: [{ id: 'branch/hubei' }] });
    expect(d.yunnan).toEqual({ kind: 'ORGANIZATION', servedBy: [{ id: 'branch/yunnan' }] });
    expect(d.kuaishou.relations.edges).toEqual([{ type: 'CUSTOMER_OF', direction: 'IN', node: { id: 'company/china-unicom-hk' } }]);
    // Bilibili stays a partner for its content cooperation (L3660), not for the ranking of accounts on it.
    expect(d.bilibili.kind).toBe('PARTNER');
    expect(d.bilibili.partnerships.map((p: { label: string }) => p.label)).toEqual(['基於「內容+流量+權益」的合作產品']);
  });
});

describe('orphans the report links', () => {
  it('the credit raters rated the operating company AAA (L4342)', async () => {
    const d = await api.data(/* GraphQL */ `
      { a: entity(name: "聯合信用評級") { ... on Organization { rates { id } } }
        b: entity(name: "中誠信國際") { ... on Organization { rates { id } } } }
    `);
    expect(d.a.rates).toEqual([{ id: 'company/china-unicom-operating' }]);
    expect(d.b.rates).toEqual([{ id: 'company/china-unicom-operating' }]);
  });

  it('優秀扶貧幹部 has its issuer, and Award.issuers lists every issuer', async () => {
    const d = await api.data(/* GraphQL */ `
      { entity(name: "中國聯通優秀扶貧幹部") { ... on Award { issuers { id } issuer { id } } } }
    `);
    expect(d.entity.issuers).toEqual([{ id: 'company/china-unicom-hk' }]);
    expect(d.entity.issuer).toEqual({ id: 'company/china-unicom-hk' });
  });

  it('the 31 provincial branches signed the poverty-alleviation pledge (L651–654)', async () => {
    const r = await rows<{ n: number }>(
      "MATCH (b:Branch)-[:SIGNED]->(:Publication {id: 'publication/poverty-alleviation-responsibility-pledge'}) WHERE (b)-[:BRANCH_OF]->(:Company) RETURN count(b) AS n",
    );
    expect(r[0]?.n).toBe(31);
  });

  it('the two CAS institutes belong to 中科院, 廣科院 to 廣電總局', async () => {
    const d = await api.data(/* GraphQL */ `
      { cas: entity(name: "中科院") { ... on Organization { institutes { id } } }
        abs: entity(name: "廣科院") { ... on Partner { parent { id } } } }
    `);
    expect(d.cas.institutes.map((i: { id: string }) => i.id).sort()).toEqual(['partner/cnic-cas', 'partner/ntsc']);
    expect(d.abs.parent).toEqual({ id: 'organization/nrta' });
  });

  it('the going-global map reaches its 18 countries, Hong Kong and 8 world regions (L1004–1062)', async () => {
    const r = await rows<{ id: string }>(
      "MATCH (:Program {id: 'program/cross-border-services'})-[:COVERS]->(c:Region) RETURN c.id AS id ORDER BY id",
    );
    expect(r).toHaveLength(27);
    expect(r.map((x) => x.id)).toEqual(
      expect.arrayContaining(['region/germany', 'region/hong-kong', 'region/south-korea', 'region/europe']),
    );
  });

  it('flags the SUBSIDIARY_OF edges to the operating company as inferred', async () => {
    const d = await api.data(/* GraphQL */ `
      { entity(id: "subsidiary/unicom-big-data") { relations(types: ["SUBSIDIARY_OF"]) { edges { inferred node { id } } } } }
    `);
    expect(d.entity.relations.edges).toEqual([{ inferred: true, node: { id: 'company/china-unicom-operating' } }]);
  });
});

describe('MetricValue.period', () => {
  it('marks cumulative (累計) and undated figures instead of filing them as plain 2020 values', async () => {
    const d = await api.data(/* GraphQL */ `
      { tibet: metric(id: "metric/tibet-aid-funds") { values { year period printed evidence { line quote } } }
        sheds: metric(id: "metric/greenhouses-monitored") { values { year period } }
        base: metric(id: "metric/4g-base-stations-in-service") { value(year: 2019) { period } } }
    `);
    expect(d.tibet.values).toEqual([
      { year: 2020, period: 'CUMULATIVE', printed: '5271', evidence: { line: 564, quote: '累計撥付援藏資金5271萬元' } },
    ]);
    expect(d.sheds.values).toEqual([{ year: 2020, period: 'UNDATED' }]);
    expect(d.base.value.period).toBe('YEAR');
  });
});
