import { afterAll, describe, expect, it } from 'vitest';
import { testApp } from './helpers.js';

// Issue #10's query layer through the real Neo4j and the HTTP surface: one statement per root field,
// only the fields asked for, EntityWhere / EntitySort, aggregations, NOT_FOUND for unknown ids.
const { gql, data, db, close } = testApp();
afterAll(close);

const traced = (query: string, variables: Record<string, unknown> = {}) => gql<any>(query, variables, { 'x-trace': '1' });

describe('Query.entity / Query.node / Query.nodes compiled', () => {
  it('entity(name:) with relations, degree and evidence is ONE statement (the name through the NameKey index)', async () => {
    const r = await traced(`{ entity(name: "美团") { id degree evidence { line quote }
      relations(first: 2) { totalCount pageInfo { hasNextPage } edges { type direction node { id } } } } }`);
    expect(r.errors).toBeUndefined();
    expect(r.extensions?.trace).toEqual({ dbRoundTrips: 1, queries: ['translate/by-name'] });
    const e = r.data.entity;
    expect(e.id).toBe('partner/meituan');
    // The agreement and the channel (PARTNERS_WITH), the signing event it took part in, and the fields of its agreement
    // (ABOUT 5G, 物聯網, 大數據).
    expect(e.degree).toBe(6);
    expect(e.relations.totalCount).toBe(6);
    expect(e.relations.edges).toHaveLength(2);
    expect(e.relations.pageInfo.hasNextPage).toBe(true);
    expect(e.evidence[0].quote).toContain('美團');
  });

  it('aliases of node(id:) with the same selection share one batched statement; other shapes get their own', async () => {
    const r = await traced(`{ a: node(id: "partner/meituan") { id ... on Partner { sector } }
      b: node(id: "partner/alibaba") { id ... on Partner { sector } }
      c: nodes(ids: ["partner/huawei", "nope/none"]) { id } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({
      a: { id: 'partner/meituan', sector: 'internet' },
      b: { id: 'partner/alibaba', sector: 'internet' },
      c: [{ id: 'partner/huawei' }, null],
    });
    expect(r.extensions?.trace).toEqual({ dbRoundTrips: 2, queries: ['translate/by-ids', 'translate/by-ids'] });
  });

  it('aliases of one field with different arguments keep their own answers', async () => {
    const d = await data<any>(`{ entity(id: "company/china-unicom-hk") {
      p: relations(relationTypes: [PARTNERS_WITH], first: 1) { totalCount edges { type } }
      r: relations(relationTypes: [RATED], direction: IN) { totalCount edges { type node { id } } } } }`);
    expect(d.entity.p.edges).toEqual([{ type: 'PARTNERS_WITH' }]);
    expect(d.entity.p.totalCount).toBeGreaterThan(50);
    expect(d.entity.r.edges.every((e: any) => e.type === 'RATED')).toBe(true);
    expect(d.entity.r.totalCount).toBe(d.entity.r.edges.length);
  });

  it('@include with a variable is honoured, and the same text with the other value answers the other shape', async () => {
    const q = 'query Q($d: Boolean!) { entity(id: "partner/meituan") { id degree @include(if: $d) } }';
    expect((await data<any>(q, { d: true })).entity).toEqual({ id: 'partner/meituan', degree: 6 });
    expect((await data<any>(q, { d: false })).entity).toEqual({ id: 'partner/meituan' });
  });

  it('Metric.values and value(year:) come with the metric: the 2019 count of 4G base stations (萬個)', async () => {
    const r = await traced(
      '{ metric(id: "metric/4g-base-stations-in-service") { unit value(year: 2019) { value } values { year value } } }',
    );
    expect(r.data.metric.unit).toBe('萬個');
    expect(r.data.metric.value.value).toBe(141);
    expect(r.data.metric.values.map((v: any) => v.value)).toEqual([98.7, 141, 150.3]);
    expect(r.extensions?.trace.dbRoundTrips).toBe(1);
  });
});

describe('Query.entities(where:, sort:)', () => {
  it('where.sectors + sort by NEIGHBOURS of a kind: universities by the number of their programs', async () => {
    const d =
      await data<any>(`{ entities(where: {kinds: [PARTNER], sectors: [UNIVERSITY]}, sort: [{by: NEIGHBOURS, kind: PROGRAM, direction: DESC}], first: 10) {
      totalCount edges { node { id ... on Partner { sector programs { id } } } } } }`);
    expect(d.entities.totalCount).toBe(6);
    const nodes = d.entities.edges.map((e: any) => e.node);
    expect(nodes.every((n: any) => n.sector === 'university')).toBe(true);
    const counts = nodes.map((n: any) => n.programs.length);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(nodes.map((n: any) => n.id)).toContain('partner/peking-university');
  });

  it('where.nameContains matches in any script: 联通 (Simplified) finds the branches 聯通 in Guangdong', async () => {
    const d = await data<any>(
      '{ entities(where: {kinds: [BRANCH], nameContains: "联通", locatedIn: "region/guangdong"}, first: 20) { totalCount edges { node { id nameZh } } } }',
    );
    const ids = d.entities.edges.map((e: any) => e.node.id);
    expect(ids).toContain('branch/guangdong');
    expect(ids).toContain('branch/guangdong-guangzhou');
    expect(ids.every((id: string) => id.startsWith('branch/guangdong'))).toBe(true);
    expect(d.entities.totalCount).toBe(ids.length);
  });

  it('where.nameStartsWith, where.degree and where.hasRelation narrow the list', async () => {
    const d = await data<any>(`{ t: entities(where: {nameStartsWith: "China T"}, first: 5) { edges { node { id } } }
      hubs: entities(where: {degree: {min: 100}}, sort: [{by: DEGREE, direction: DESC}], first: 3) { edges { node { id degree } } }
      winners: entities(where: {kinds: [COMPANY], hasRelation: [RECEIVED]}) { edges { node { id } } } }`);
    expect(d.t.edges[0].node.id).toBe('partner/china-telecom');
    expect(d.hubs.edges[0].node).toEqual({ id: 'company/china-unicom-hk', degree: expect.any(Number) });
    expect(d.hubs.edges.every((e: any) => e.node.degree >= 100)).toBe(true);
    expect(d.winners.edges.map((e: any) => e.node.id)).toContain('company/china-unicom-hk');
  });

  it('where.year is a range; sort by YEAR DESC; awards of 2019 only', async () => {
    const d = await data<any>(
      '{ entities(where: {kinds: [AWARD], year: {min: 2019, max: 2019}}) { totalCount edges { node { id ... on Award { year } } } } }',
    );
    expect(d.entities.totalCount).toBe(1);
    expect(d.entities.edges[0].node.year).toBe(2019);
  });

  it('sort by VALUE DESC: the network metric with the largest latest value first', async () => {
    const d = await data<any>(
      '{ entities(where: {kinds: [METRIC], categories: ["網絡能力"]}, sort: [{by: VALUE, direction: DESC}], first: 50) { edges { node { id ... on Metric { values { year value } } } } } }',
    );
    const latest = d.entities.edges.map((e: any) => e.node.values.filter((v: any) => v.value != null).at(-1)?.value ?? null);
    const numbers = latest.filter((v: number | null) => v != null);
    expect(numbers).toEqual([...numbers].sort((a: number, b: number) => b - a));
  });

  it('an unknown sector is a validation error; an empty range is BAD_USER_INPUT naming it', async () => {
    const bad = await gql('{ entities(where: {sectors: [SPACE]}) { totalCount } }');
    expect(bad.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(bad.errors?.[0]?.message).toMatch(/"SPACE" does not exist in "Sector"/);
    const empty = await gql('{ entities(where: {year: {min: 2021, max: 2019}}) { totalCount } }');
    expect(empty.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(empty.errors?.[0]?.message).toMatch(/where\.year/);
  });

  it('the deprecated arguments still work and agree with where', async () => {
    const old = await data<any>('{ entities(kinds: [PARTNER], sector: "university", orderBy: NAME) { edges { node { id } } } }');
    const now = await data<any>(
      '{ entities(where: {kinds: [PARTNER], sectors: [UNIVERSITY]}, sort: [{by: NAME}]) { edges { node { id } } } }',
    );
    expect(old).toEqual(now);
  });
});

describe('Query.entityAggregate and Query.metricValueStats', () => {
  it('partners per sector: 63 partners, internet the largest group (15)', async () => {
    const d = await data<any>('{ entityAggregate(where: {kinds: [PARTNER]}, groupBy: {field: SECTOR}) { count groups { key count } } }');
    expect(d.entityAggregate.count).toBe(63);
    expect(d.entityAggregate.groups[0]).toEqual({ key: 'internet', count: 15 });
    expect(d.entityAggregate.groups.reduce((s: number, g: any) => s + g.count, 0)).toBe(63);
  });

  it('one key per entity (KIND, SECTOR, YEAR ...) is grouped directly: the groups add up to the count, `first` keeps the largest, nothing matching is 0 and []', async () => {
    const d = await data<any>(`{
      all: entityAggregate(where: {locatedIn: "region/guangdong"}) { count }
      kinds: entityAggregate(where: {locatedIn: "region/guangdong"}, groupBy: {field: KIND}) { count groups { key count } }
      top: entityAggregate(where: {locatedIn: "region/guangdong"}, groupBy: {field: KIND}, first: 1) { count groups { key count } }
      none: entityAggregate(where: {kinds: [PARTNER], nameContains: "沒有這個名字的夥伴"}, groupBy: {field: SECTOR}) { count groups { key count } } }`);
    expect(d.all.count).toBeGreaterThan(10);
    expect(d.kinds.count).toBe(d.all.count);
    expect(d.kinds.groups.reduce((s: number, g: any) => s + g.count, 0)).toBe(d.all.count);
    const counts = d.kinds.groups.map((g: any) => g.count);
    expect(counts).toEqual([...counts].sort((a: number, b: number) => b - a));
    expect(d.top).toEqual({ count: d.all.count, groups: [d.kinds.groups[0]] });
    expect(d.none).toEqual({ count: 0, groups: [] });
  });

  it('awards per issuer (RELATED through ISSUED_BY): FinanceAsia first, with the issuer entity', async () => {
    const d =
      await data<any>(`{ entityAggregate(where: {kinds: [AWARD]}, groupBy: {field: RELATED, relationTypes: [ISSUED_BY], direction: OUT}, first: 3) {
      groups { key count entity { nameZh } } } }`);
    expect(d.entityAggregate.groups[0]).toEqual({ key: 'organization/financeasia', count: 6, entity: { nameZh: '《金融亞洲》' } });
  });

  it('programs per province and relationships per type', async () => {
    const d =
      await data<any>(`{ p: entityAggregate(where: {kinds: [PROGRAM]}, groupBy: {field: PROVINCE}) { groups { key count entity { kind } } }
      t: entityAggregate(where: {kinds: [PARTNER]}, groupBy: {field: RELATION_TYPE}) { groups { key count } } }`);
    expect(d.p.groups.length).toBeGreaterThan(3);
    expect(d.p.groups.every((g: any) => g.key.startsWith('region/') && g.entity.kind === 'REGION')).toBe(true);
    expect(d.t.groups[0]).toEqual({ key: 'PARTNERS_WITH', count: 75 });
  });

  it('metricValueStats: the 4G base stations per year and over all years', async () => {
    const d = await data<any>(`{ y: metricValueStats(metrics: ["metric/4g-base-stations-in-service"]) { key count sum }
      m: metricValueStats(metrics: ["metric/4g-base-stations-in-service"], groupBy: METRIC, years: {min: 2019}) { key count min max avg } }`);
    expect(d.y).toEqual([
      { key: '2018', count: 1, sum: 98.7 },
      { key: '2019', count: 1, sum: 141 },
      { key: '2020', count: 1, sum: 150.3 },
    ]);
    expect(d.m).toEqual([{ key: 'metric/4g-base-stations-in-service', count: 2, min: 141, max: 150.3, avg: expect.any(Number) }]);
    expect(d.m[0].avg).toBeCloseTo(145.65, 6);
  });
});

describe('EntityGroup.entity and Entity.evidence through the entity loader (entity/by-ids)', () => {
  it("the whole record (names, scalar fields, evidence) and a metric's values, without the mention lists nobody reads from it", async () => {
    const [hk] = await db.query('entity/by-ids', { ids: ['company/china-unicom-hk'] });
    expect(hk?.entity).toMatchObject({ id: 'company/china-unicom-hk', nameZh: '中國聯合網絡通信（香港）股份有限公司' });
    expect(hk?.entity.evidenceLines?.length).toBeGreaterThan(0);
    expect(hk?.entity.evidenceSentences?.length).toBe(hk?.entity.evidenceLines?.length);
    expect(Object.keys(hk?.entity ?? {}).filter((k) => ['mentionLines', 'mentionSentences', 'searchText'].includes(k))).toEqual([]);
    expect(hk?.values).toBeNull();
    const [m] = await db.query('entity/by-ids', { ids: ['metric/4g-base-stations-in-service'] });
    expect(m?.values?.find((v) => v.year === 2019)?.value).toBe(141);
  });

  it("a group's entity and its evidence: Guizhou among the provinces of the poverty alleviation programmes", async () => {
    const d =
      await data<any>(`{ entityAggregate(where: {kinds: [PROGRAM], about: ["theme/poverty-alleviation"]}, groupBy: {field: PROVINCE}) {
      groups { key entity { nameZh evidence { line quote } } } } }`);
    const guizhou = d.entityAggregate.groups.find((g: any) => g.key === 'region/guizhou');
    expect(guizhou.entity.nameZh).toBe('貴州');
    expect(guizhou.entity.evidence.length).toBeGreaterThan(0);
    for (const e of guizhou.entity.evidence) expect(e.quote).toContain('貴州');
  });
});

describe('Query.paths / Query.neighborhood: unknown ids', () => {
  it('NOT_FOUND naming the id, not an empty answer', async () => {
    const p = await gql('{ paths(from: "partner/meituan", to: "partner/nope") { length } }');
    expect(p.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'to', ids: ['partner/nope'] });
    expect(p.errors?.[0]?.message).toContain('"partner/nope"');
    const n = await gql('{ neighborhood(id: "nope/x") { truncated } }');
    expect(n.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'id' });
  });
});
