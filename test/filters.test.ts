import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLES } from '../src/examples.js';
import { testApp } from './helpers.js';

// Issue #21 item 5, questions that combine conditions, through HTTP on the real Neo4j: EntityWhere.about,
// relatedTo, and, or (one statement), unknown ids as NOT_FOUND with the closest names, and the limits.
const { gql, data, close } = testApp();
afterAll(close);

const traced = (query: string, variables: Record<string, unknown> = {}) => gql<any>(query, variables, { 'x-trace': '1' });
const ids = (conn: any): string[] => conn.edges.map((e: any) => e.node.id);

describe('EntityWhere.about', () => {
  it('programs about poverty alleviation: 26, each ABOUT the theme, the id checked inside the ONE statement of the page', async () => {
    const r = await traced(`{ entities(where: {kinds: [PROGRAM], about: ["theme/poverty-alleviation"]}, first: 50) {
      totalCount edges { node { id ... on Program { themes { id } } } } } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data.entities.totalCount).toBe(26);
    for (const e of r.data.entities.edges) expect(e.node.themes.map((t: any) => t.id)).toContain('theme/poverty-alleviation');
    // The page, then totalCount: no statement of its own for the id check.
    expect(r.extensions?.trace.queries).toEqual(['translate/list', 'translate/count']);
  });

  it('any of several themes: the union of each alone', async () => {
    const d = await data<any>(`{ a: entities(where: {kinds: [PROGRAM], about: ["theme/5g"]}, first: 100) { edges { node { id } } }
      b: entities(where: {kinds: [PROGRAM], about: ["theme/big-data"]}, first: 100) { edges { node { id } } }
      both: entities(where: {kinds: [PROGRAM], about: ["theme/5g", "theme/big-data"]}, first: 100) { edges { node { id } } } }`);
    expect(ids(d.both).sort()).toEqual([...new Set([...ids(d.a), ...ids(d.b)])].sort());
    expect(ids(d.a)).toContain('program/5g-co-build-co-share');
  });

  it('a known id that is no theme is BAD_USER_INPUT naming the argument', async () => {
    const r = await gql('{ entities(where: {about: ["partner/huawei"]}) { totalCount } }');
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'where.about' });
    expect(r.errors?.[0]?.message).toMatch(/takes THEME ids; "partner\/huawei" is a PARTNER/);
  });
});

describe('EntityWhere.relatedTo', () => {
  it('{id}: the partners of program/5g-co-build-co-share, every way and through PARTICIPATES_IN OUT', async () => {
    const d =
      await data<any>(`{ any: entities(where: {kinds: [PARTNER], relatedTo: {id: "program/5g-co-build-co-share"}}) { edges { node { id } } }
      out: entities(where: {relatedTo: {id: "program/5g-co-build-co-share", relationTypes: [PARTICIPATES_IN], direction: OUT}}) { edges { node { id } } }
      wrongWay: entities(where: {relatedTo: {id: "program/5g-co-build-co-share", relationTypes: [PARTICIPATES_IN], direction: IN}}) { totalCount } }`);
    expect(ids(d.any)).toEqual(['partner/china-telecom', 'partner/china-telecom-ningbo']);
    expect(ids(d.out)).toEqual(expect.arrayContaining(['partner/china-telecom', 'partner/china-telecom-ningbo']));
    expect(d.wrongWay.totalCount).toBe(0);
  });

  it('{where}: partners of programs about 5G, the same as following each such program', async () => {
    const d =
      await data<any>(`{ programs: entities(where: {kinds: [PROGRAM], about: ["theme/5g"]}, first: 50) { edges { node { ... on Program { partners { id } } } } }
      partners: entities(where: {kinds: [PARTNER], relatedTo: {where: {kinds: [PROGRAM], about: ["theme/5g"]}}}) { totalCount edges { node { id } } } }`);
    const followed = new Set<string>(d.programs.edges.flatMap((e: any) => e.node.partners.map((p: any) => p.id)));
    expect(ids(d.partners)).toEqual([...followed].sort());
    expect(d.partners.totalCount).toBe(3);
  });

  it('neither or both of id and where is BAD_USER_INPUT naming where.relatedTo', async () => {
    const r = await gql('{ entities(where: {relatedTo: {relationTypes: [SIGNED]}}) { totalCount } }');
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'where.relatedTo' });
  });
});

describe('EntityWhere.and / EntityWhere.or', () => {
  it('or: programs about poverty alleviation OR located in Guizhou; and: both at once', async () => {
    const d = await data<any>(`{
      poverty: entities(where: {kinds: [PROGRAM], about: ["theme/poverty-alleviation"]}, first: 100) { edges { node { id } } }
      guizhou: entities(where: {kinds: [PROGRAM], locatedIn: "region/guizhou"}, first: 100) { edges { node { id } } }
      either: entities(where: {kinds: [PROGRAM], or: [{about: ["theme/poverty-alleviation"]}, {locatedIn: "region/guizhou"}]}, first: 100) { edges { node { id } } }
      both: entities(where: {kinds: [PROGRAM], and: [{about: ["theme/poverty-alleviation"]}, {locatedIn: "region/guizhou"}]}, first: 100) { edges { node { id } } } }`);
    const p = ids(d.poverty);
    const g = ids(d.guizhou);
    expect(ids(d.either)).toEqual([...new Set([...p, ...g])].sort());
    expect(ids(d.both)).toEqual(p.filter((id) => g.includes(id)));
    expect(ids(d.both).length).toBe(1);
  });

  it('entityAggregate accepts them all: partners related to a 5G program OR in the internet sector, per sector', async () => {
    const d =
      await data<any>(`{ entityAggregate(where: {kinds: [PARTNER], or: [{relatedTo: {where: {kinds: [PROGRAM], about: ["theme/5g"]}}}, {sectors: [INTERNET]}]}, groupBy: {field: SECTOR}) {
      count groups { key count } } }`);
    expect(d.entityAggregate.groups).toEqual([
      { key: 'internet', count: 15 },
      { key: 'operator', count: 2 },
      { key: 'alliance', count: 1 },
    ]);
    expect(d.entityAggregate.count).toBe(18);
  });

  it('too deep, too many branches: BAD_USER_INPUT naming the argument, before any statement runs', async () => {
    const deep = await traced('{ entities(where: {and: [{and: [{or: [{relatedTo: {where: {kinds: [PROGRAM]}}}]}]}]}) { totalCount } }');
    expect(deep.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'where.and[0].and[0].or[0].relatedTo.where' });
    expect(deep.errors?.[0]?.message).toMatch(/nest at most 3 levels/);
    const wide = await gql(
      '{ entityAggregate(where: {or: [{kinds: [AWARD]}, {kinds: [EVENT]}, {kinds: [PROGRAM]}, {kinds: [PARTNER]}, {kinds: [THEME]}, {kinds: [REGION]}]}) { count } }',
    );
    expect(wide.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'where.or' });
    expect(wide.errors?.[0]?.message).toMatch(/6 branches; at most 5/);
    for (const r of [deep, wide]) expect(JSON.stringify(r.errors)).not.toMatch(/MATCH \(|EXISTS \{|\.ts:\d|\n\s+at /);
  });
});

describe('EntityWhere ids: an unknown id is NOT_FOUND naming it, with the closest names', () => {
  it('locatedIn: "region/tibet" suggests region/xizang (西藏, Tibet) instead of silently matching nothing', async () => {
    const r = await traced('{ entities(where: {locatedIn: "region/tibet"}) { totalCount } }');
    expect(r.data).toBeNull();
    const e = r.errors?.[0];
    expect(e?.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'where.locatedIn', ids: ['region/tibet'] });
    expect(e?.message).toMatch(
      /^No entity has the id "region\/tibet" \(`where\.locatedIn`\)\. Did you mean region\/xizang \(西藏, Tibet\)/,
    );
    expect((e?.extensions?.unknown as any[] | undefined)?.[0]).toEqual({
      argument: 'where.locatedIn',
      id: 'region/tibet',
      suggestions: expect.arrayContaining(['region/xizang']),
    });
    // The statement finds the id unknown (its answer is dropped); only then are the closest names looked up.
    expect(r.extensions?.trace.queries).toEqual(['translate/list', 'entity/check-ids']);
    expect(r.data).toBeNull();
  });

  it('about, relatedTo.id and nested ids too: every unknown one named by its path, in one message', async () => {
    const r = await traced('{ entityAggregate(where: {about: ["theme/poverty"], relatedTo: {id: "partner/huawai"}}) { count } }');
    expect(r.extensions?.trace.queries).toContain('entity/check-ids');
    const a = r.errors?.[0];
    expect(a?.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'where.about', ids: ['theme/poverty', 'partner/huawai'] });
    expect(a?.message).toContain('"theme/poverty" (`where.about`). Did you mean theme/poverty-alleviation (扶貧, Poverty alleviation)');
    expect(a?.message).toContain('"partner/huawai" (`where.relatedTo.id`). Did you mean partner/huawei (華為, Huawei)?');
    const b = (
      await gql(
        '{ entities(where: {or: [{kinds: [AWARD]}, {and: [{locatedIn: "region/guangdong"}, {about: ["theme/5G"]}]}]}) { totalCount } }',
      )
    ).errors?.[0];
    expect(b?.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'where.or[1].and[1].about', ids: ['theme/5G'] });
    expect(b?.message).toContain('Did you mean theme/5g (5G');
  });

  it("known ids cost no statement of their own: each filter's statement checks its ids", async () => {
    const r = await traced(`{ a: entityAggregate(where: {about: ["theme/5g"], locatedIn: "region/guangdong"}) { count }
      b: entities(where: {relatedTo: {id: "partner/huawei"}, or: [{about: ["theme/5g"]}, {about: ["theme/big-data"]}]}) { totalCount } }`);
    expect(r.errors).toBeUndefined();
    expect([...(r.extensions?.trace.queries ?? [])].sort()).toEqual(['translate/count', 'translate/count', 'translate/list']);
  });

  it('an id with nothing like it still says what to do', async () => {
    const r = await gql('{ entities(where: {relatedTo: {id: "zzz/qqqqqq"}}) { totalCount } }');
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'where.relatedTo.id' });
    expect(r.errors?.[0]?.message).toMatch(/entity\(name:\) or search/);
  });
});

describe('The GraphiQL examples of issue #21 (src/examples.ts), answered from the graph', () => {
  it('povertyProgramsPerProvince: 26 programmes about poverty alleviation; 11 lie in a province (西藏 4, 河北 2, 甘肅, 貴州, 河南, 青海, 山西 1 each), in ONE statement', async () => {
    const r = await traced(EXAMPLES.povertyProgramsPerProvince);
    expect(r.errors).toBeUndefined();
    const d = r.data;
    // The theme id is checked inside the aggregation's statement, not by one of its own; the groups' entities come in a second.
    expect(r.extensions?.trace.queries).toEqual(['translate/aggregate', 'entity/by-ids']);
    expect(d.entityAggregate.count).toBe(26);
    expect(d.entityAggregate.groups).toEqual([
      { count: 4, entity: { id: 'region/xizang', nameZh: '西藏', nameEn: 'Xizang' } },
      { count: 2, entity: { id: 'region/hebei', nameZh: '河北', nameEn: 'Hebei' } },
      { count: 1, entity: { id: 'region/gansu', nameZh: '甘肅', nameEn: 'Gansu' } },
      { count: 1, entity: { id: 'region/guizhou', nameZh: '貴州', nameEn: 'Guizhou' } },
      { count: 1, entity: { id: 'region/henan', nameZh: '河南', nameEn: 'Henan' } },
      { count: 1, entity: { id: 'region/qinghai', nameZh: '青海', nameEn: 'Qinghai' } },
      { count: 1, entity: { id: 'region/shanxi', nameZh: '山西', nameEn: 'Shanxi' } },
    ]);
  });

  it('partnersOf5GPrograms: 3 partners, operator 2 (中國電信, 寧波電信) and alliance 1 (5G XR終端生態聯盟)', async () => {
    const d = await data<any>(EXAMPLES.partnersOf5GPrograms);
    expect(d.sectors).toEqual({
      count: 3,
      groups: [
        { key: 'operator', count: 2 },
        { key: 'alliance', count: 1 },
      ],
    });
    expect(d.partners.edges.map((e: any) => [e.node.nameZh, e.node.sector])).toEqual([
      ['5G XR終端生態聯盟', 'alliance'],
      ['中國電信', 'operator'],
      ['寧波電信', 'operator'],
    ]);
  });
});
