import { afterAll, describe, expect, it } from 'vitest';
import { testApp } from './helpers.js';

const api = testApp();
afterAll(() => api.close());
const { gql, data } = api;

describe('Query.node and Query.nodes', () => {
  it('resolves readable global ids to typed nodes, null for unknown ones, in request order', async () => {
    const d = await data(/* GraphQL */ `
      {
        node(id: "partner/meituan") { id __typename ... on Entity { nameZh } }
        missing: node(id: "partner/no-such-partner") { id }
        foreign: node(id: "not-an-id") { id }
        nodes(ids: ["region/hubei", "nope/x", "award/fortune-global-500-2020"]) { id __typename }
      }
    `);
    expect(d.node).toEqual({ id: 'partner/meituan', __typename: 'Partner', nameZh: '美團' });
    expect(d.missing).toBeNull();
    expect(d.foreign).toBeNull();
    expect(d.nodes).toEqual([
      { id: 'region/hubei', __typename: 'Region' },
      null,
      { id: 'award/fortune-global-500-2020', __typename: 'Award' },
    ]);
  });
});

describe('Query.entity', () => {
  it('finds one entity by id or by any name in Traditional, Simplified or English', async () => {
    const d = await data(/* GraphQL */ `
      {
        byId: entity(id: "partner/meituan") { id }
        trad: entity(name: "美團") { id }
        simp: entity(name: "美团") { id }
        en: entity(name: "meituan") { id }
        telecom: entity(name: "中国电信") { id kind nameZh nameEn }
        unknown: entity(name: "不存在的公司") { id }
      }
    `);
    expect([d.byId.id, d.trad.id, d.simp.id, d.en.id]).toEqual(Array(4).fill('partner/meituan'));
    expect(d.telecom).toEqual({ id: 'partner/china-telecom', kind: 'PARTNER', nameZh: '中國電信', nameEn: 'China Telecom' });
    expect(d.unknown).toBeNull();
  });

  it('asks for an id or a name when given neither (BAD_USER_INPUT)', async () => {
    const r = await gql('{ entity { id } }');
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.message).toMatch(/Give `id` or `name`/);
  });
});

describe('Entity fields', () => {
  it('Entity.nameZh, nameEn, aliases, evidence (with sections) and degree', async () => {
    const d = await data(/* GraphQL */ `
      {
        entity(id: "partner/meituan") {
          kind nameZh nameEn aliases degree
          evidence { line quote section }
        }
      }
    `);
    expect(d.entity).toMatchObject({ kind: 'PARTNER', nameZh: '美團', nameEn: 'Meituan', aliases: expect.arrayContaining(['美团']) });
    expect(d.entity.evidence).toContainEqual({ line: 3667, quote: '與美團簽署戰略合作框架協議', section: '拓合作 › 構築數字創新生態' });
    expect(d.entity.degree).toBeGreaterThanOrEqual(3);
  });

  it('Entity.mentions pages through every line naming the entity', async () => {
    const first = await data(/* GraphQL */ `
      { entity(id: "partner/meituan") { mentions(first: 2) { totalCount edges { node { line text section } } pageInfo { hasNextPage endCursor } } } }
    `);
    const m = first.entity.mentions;
    expect(m.totalCount).toBe(3);
    expect(m.edges.map((e: any) => e.node.line)).toEqual([1751, 3607]);
    expect(m.edges[1].node.text).toContain('美團');
    expect(m.pageInfo.hasNextPage).toBe(true);
    const next = await data(
      /* GraphQL */ `query ($after: String) { entity(id: "partner/meituan") { mentions(first: 2, after: $after) { edges { node { line } } pageInfo { hasNextPage } } } }`,
      { after: m.pageInfo.endCursor },
    );
    expect(next.entity.mentions.edges.map((e: any) => e.node.line)).toEqual([3667]);
    expect(next.entity.mentions.pageInfo.hasNextPage).toBe(false);
  });

  it('Entity.relations filters by type, direction, kind and year, with evidence and totalCount', async () => {
    const d = await data(/* GraphQL */ `
      {
        entity(id: "partner/meituan") {
          all: relations { totalCount }
          signed: relations(types: ["PARTNERS_WITH"], direction: IN, year: 2020) {
            totalCount
            edges { type direction year date kind label node { id } evidence { line quote } }
          }
          out: relations(direction: OUT) { totalCount }
          toPrograms: relations(kinds: [PROGRAM]) { totalCount }
        }
      }
    `);
    const e = d.entity;
    expect(e.all.totalCount).toBeGreaterThanOrEqual(3);
    expect(e.signed.edges).toContainEqual(
      expect.objectContaining({
        type: 'PARTNERS_WITH',
        direction: 'IN',
        year: 2020,
        date: '2020-12',
        kind: 'strategic agreement',
        node: { id: 'company/china-unicom-hk' },
      }),
    );
    expect(e.signed.totalCount).toBe(e.signed.edges.length);
    expect(e.out.totalCount + e.signed.totalCount).toBeLessThanOrEqual(e.all.totalCount);
    expect(e.toPrograms.totalCount).toBe(0);
  });
});

describe('Query.entities', () => {
  it('lists entities of some kinds, pages with cursors and counts only when asked', async () => {
    const p1 = await data(
      /* GraphQL */ `{ entities(kinds: [COMPANY], first: 4) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
    );
    expect(p1.entities.totalCount).toBe(6);
    expect(p1.entities.edges.map((e: any) => e.node.id)).toEqual([
      'company/china-unicom-a-share',
      'company/china-unicom-bvi',
      'company/china-unicom-group',
      'company/china-unicom-group-bvi',
    ]);
    const p2 = await data(
      /* GraphQL */ `query ($after: String) { entities(kinds: [COMPANY], first: 4, after: $after) { edges { node { id } } pageInfo { hasNextPage } } }`,
      {
        after: p1.entities.pageInfo.endCursor,
      },
    );
    expect(p2.entities.edges.map((e: any) => e.node.id)).toEqual(['company/china-unicom-hk', 'company/china-unicom-operating']);
    expect(p2.entities.pageInfo.hasNextPage).toBe(false);

    const traced = await gql('{ entities(kinds: [COMPANY], first: 2) { edges { node { id } } } }', {}, { 'x-trace': '1' });
    expect(traced.extensions?.trace.queries).toEqual(['translate/list']);
  });

  it('filters partners by sector, regions by level, and orders by degree', async () => {
    const d = await data(/* GraphQL */ `
      {
        operators: entities(kinds: [PARTNER], sector: "operator", first: 20) { edges { node { id } } }
        provinces: entities(kinds: [REGION], level: "province") { totalCount }
        hubs: entities(orderBy: DEGREE, first: 1) { edges { node { id } } }
      }
    `);
    expect(d.operators.edges.map((e: any) => e.node.id)).toContain('partner/china-telecom');
    expect(d.provinces.totalCount).toBe(31);
    expect(d.hubs.edges[0].node.id).toBe('company/china-unicom-hk');
  });

  it('rejects a page size over 100 and a foreign cursor (BAD_USER_INPUT)', async () => {
    const big = await gql('{ entities(first: 101) { edges { cursor } } }');
    expect(big.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const cursor = await gql('{ entities(after: "bm9wZQ==") { edges { cursor } } }');
    expect(cursor.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('Company', () => {
  it('Company.owners and Company.holdings carry the shares of the 股權結構 chart', async () => {
    const d = await data(/* GraphQL */ `
      {
        hk: entity(id: "company/china-unicom-hk") { ... on Company { owners { company { id } share evidence { line } } holdings { company { id } share } } }
        group: entity(id: "company/china-unicom-group") { ... on Company { holdings { company { id } share } } }
      }
    `);
    expect(d.hk.owners.map((o: any) => [o.company.id, o.share])).toEqual([
      ['company/china-unicom-bvi', 53.5],
      ['company/china-unicom-group-bvi', 26.4],
    ]);
    expect(d.hk.holdings).toEqual([{ company: { id: 'company/china-unicom-operating' }, share: 100 }]);
    expect(d.group.holdings.map((o: any) => [o.company.id, o.share])).toEqual([
      ['company/china-unicom-a-share', 36.8],
      ['company/china-unicom-bvi', 17.9],
      ['company/china-unicom-group-bvi', 100],
    ]);
  });

  it('Company.subsidiaries, branches, units, programs, products, people, awards, metrics', async () => {
    const d = await data(/* GraphQL */ `
      {
        op: entity(id: "company/china-unicom-operating") { ... on Company { subsidiaries { id } branches { id } } }
        hk: entity(id: "company/china-unicom-hk") {
          ... on Company { units { id } programs { id } products { id } people { id } awards { id } metrics { id } }
        }
      }
    `);
    expect(d.op.subsidiaries.map((s: any) => s.id)).toContain('subsidiary/unicom-big-data');
    expect(d.op.branches.map((s: any) => s.id)).toContain('branch/hubei');
    expect(d.hk.units.map((s: any) => s.id)).toContain('unit/board-of-directors');
    expect(d.hk.programs.map((s: any) => s.id)).toContain('program/smart-winter-olympics');
    expect(d.hk.products.map((s: any) => s.id)).toContain('product/changting-king-card');
    expect(d.hk.people.map((s: any) => s.id)).toContain('person/wang-xiaochu');
    expect(d.hk.awards.map((s: any) => s.id)).toContain('award/fortune-global-500-2020');
    expect(d.hk.metrics).toHaveLength(601);
  });
});

describe('Unit, Subsidiary', () => {
  it('Unit.parent and Unit.subunits: the audit committee sits under the board', async () => {
    const d = await data(/* GraphQL */ `
      { audit: entity(id: "unit/audit-committee") { nameZh ... on Unit { parent { id } } } board: entity(id: "unit/board-of-directors") { ... on Unit { subunits { id } } } }
    `);
    expect(d.audit).toEqual({ nameZh: '審計委員會', parent: { id: 'unit/board-of-directors' } });
    expect(d.board.subunits.map((u: any) => u.id)).toEqual(
      expect.arrayContaining(['unit/audit-committee', 'unit/nomination-committee', 'unit/remuneration-committee']),
    );
  });

  it('Subsidiary.jointVenture, parent and coFounders: 雲啓智慧科技 was co-founded with 網龍', async () => {
    const d = await data(/* GraphQL */ `
      { entity(id: "subsidiary/yunqi-smart-technology") { nameZh ... on Subsidiary { jointVenture parent { id } coFounders { id } } } }
    `);
    expect(d.entity).toMatchObject({
      nameZh: '雲啓智慧科技有限公司',
      jointVenture: true,
      parent: { id: 'company/china-unicom-operating' },
    });
    expect(d.entity.coFounders.map((c: any) => c.id)).toEqual(expect.arrayContaining(['partner/netdragon', 'company/china-unicom-hk']));
  });
});

describe('Branch, Region', () => {
  it('Branch.region, parent, programs: 廣東肇慶聯通 is in 肇慶, under 廣東', async () => {
    const d = await data(/* GraphQL */ `
      {
        zq: entity(id: "branch/guangdong-zhaoqing") { nameZh ... on Branch { region { id nameZh level parent { id } } parent { id } } }
        gd: entity(id: "branch/guangdong") { ... on Branch { branches { id } } }
        sh: entity(id: "branch/shanghai") { ... on Branch { programs { id } } }
      }
    `);
    expect(d.zq).toEqual({
      nameZh: '廣東肇慶聯通',
      region: { id: 'region/zhaoqing', nameZh: '肇慶', level: 'city', parent: { id: 'region/guangdong' } },
      parent: { id: 'branch/guangdong' },
    });
    expect(d.gd.branches.map((b: any) => b.id)).toContain('branch/guangdong-zhaoqing');
    expect(d.sh.programs.map((p: any) => p.id)).toContain('program/snowland-childhood');
  });

  it('Region.level, parent, children, branches: 湖北 is a province of China with the Hubei branch', async () => {
    const d = await data(
      /* GraphQL */ `{ entity(id: "region/hubei") { ... on Region { level reference parent { id } children { id } branches { id } } } }`,
    );
    expect(d.entity).toEqual({
      level: 'province',
      reference: false,
      parent: { id: 'region/china' },
      children: [{ id: 'region/wuhan' }],
      branches: [{ id: 'branch/hubei' }],
    });
  });
});

describe('Partner, Program, Product, Event, Organization, Publication', () => {
  it('Partner.sector, programs, partnerships: China Telecom co-builds and co-shares 5G', async () => {
    const d = await data(/* GraphQL */ `
      { entity(id: "partner/china-telecom") { ... on Partner { sector programs { id } partnerships { with { id } kind date evidence { line } } } } }
    `);
    expect(d.entity.sector).toBe('operator');
    expect(d.entity.programs.map((p: any) => p.id)).toEqual(
      expect.arrayContaining(['program/5g-co-build-co-share', 'program/4g-co-build-co-share']),
    );
    expect(d.entity.partnerships).toContainEqual(
      expect.objectContaining({ with: { id: 'company/china-unicom-hk' }, kind: 'co-build and co-share', date: '2020-09-09' }),
    );
  });

  it('Partner.ventures: 網龍 co-founded 雲啓智慧科技', async () => {
    const d = await data(/* GraphQL */ `{ entity(id: "partner/netdragon") { ... on Partner { ventures { id } } } }`);
    expect(d.entity.ventures).toEqual([{ id: 'subsidiary/yunqi-smart-technology' }]);
  });

  it('Program.partners, branches, runBy, parent, parts, products', async () => {
    const d = await data(/* GraphQL */ `
      {
        g5: entity(id: "program/5g-co-build-co-share") { ... on Program { partners { id } runBy { id } parent { id } parts { id } } }
        sc: entity(id: "program/social-cooperation-reform") { ... on Program { branches { id } } }
        care: entity(id: "program/disability-elderly-care-action") { ... on Program { products { id } } }
      }
    `);
    expect(d.g5.partners.map((p: any) => p.id)).toContain('partner/china-telecom');
    expect(d.g5.runBy.map((p: any) => p.id)).toContain('company/china-unicom-hk');
    expect(d.g5.parent).toEqual({ id: 'program/network-co-build-co-share' });
    expect(d.g5.parts.map((p: any) => p.id)).toContain('event/5g-co-build-anniversary-meeting-2020');
    expect(d.sc.branches.map((b: any) => b.id)).toEqual(['branch/guangxi', 'branch/yunnan']);
    expect(d.care.products.map((p: any) => p.id)).toContain('product/changting-king-card');
  });

  it('Product.offeredBy and supports: 暢聽王卡', async () => {
    const d = await data(
      /* GraphQL */ `{ entity(id: "product/changting-king-card") { nameZh ... on Product { offeredBy { id } supports { id } } } }`,
    );
    expect(d.entity).toEqual({
      nameZh: '暢聽王卡',
      offeredBy: [{ id: 'company/china-unicom-hk' }],
      supports: [{ id: 'program/disability-elderly-care-action' }],
    });
  });

  it('Event.date, year, organizers, location: the 5G co-build anniversary meeting, 2020-09-09 in Beijing', async () => {
    const d = await data(/* GraphQL */ `
      { entity(id: "event/5g-co-build-anniversary-meeting-2020") { ... on Event { date year organizers { id } participants { id } location { id } } } }
    `);
    expect(d.entity).toEqual({
      date: '2020-09-09',
      year: 2020,
      organizers: [{ id: 'company/china-unicom-hk' }, { id: 'partner/china-telecom' }],
      participants: [],
      location: { id: 'region/beijing' },
    });
  });

  it('Organization.members and Publication.publishers', async () => {
    const d = await data(/* GraphQL */ `
      {
        gsma: entity(id: "organization/gsma") { nameZh ... on Organization { members { id } } }
        wp: entity(id: "publication/all-optical-base-white-paper") { nameZh ... on Publication { publishers { id } } }
      }
    `);
    expect(d.gsma).toEqual({ nameZh: 'GSMA', members: [{ id: 'company/china-unicom-hk' }] });
    expect(d.wp).toEqual({ nameZh: '雲時代的全光底座白皮書', publishers: [{ id: 'company/china-unicom-hk' }, { id: 'partner/huawei' }] });
  });
});

describe('Award, Person', () => {
  it('Award.year, issuer and recipients: 《財富》 ranks China Unicom in the Global 500', async () => {
    const d = await data(/* GraphQL */ `
      {
        fortune: entity(id: "award/fortune-global-500-2020") { nameZh ... on Award { year issuer { id nameZh } recipients { id } } }
        bigdata: entity(id: "subsidiary/unicom-big-data") { relations(types: ["RECEIVED"]) { edges { node { nameZh } } } }
      }
    `);
    expect(d.fortune).toEqual({
      nameZh: '財富全球500強企業',
      year: 2020,
      issuer: { id: 'organization/fortune', nameZh: '《財富》雜誌' },
      recipients: [{ id: 'company/china-unicom-hk' }],
    });
    expect(d.bigdata.relations.edges.map((e: any) => e.node.nameZh).some((n: string) => n.includes('全國抗擊新冠肺炎疫情先進集體'))).toBe(
      true,
    );
  });

  it('Person.title, roles and awards: 王曉初 is 董事長兼首席執行官', async () => {
    const d = await data(/* GraphQL */ `
      { entity(name: "王曉初") { id ... on Person { title roles { role organization { id } until current } awards { id } } } }
    `);
    expect(d.entity).toEqual({
      id: 'person/wang-xiaochu',
      title: '董事長兼首席執行官',
      roles: [
        { role: '董事長兼首席執行官', organization: { id: 'company/china-unicom-hk' }, until: null, current: true },
        { role: '董事長兼首席執行官', organization: { id: 'unit/board-of-directors' }, until: null, current: true },
      ],
      awards: [{ id: 'award/cga-asias-best-ceo-2020' }],
    });
  });

  it('Person.roles records departures: 李國華 resigned on 2020-03-11', async () => {
    const d = await data(/* GraphQL */ `{ entity(id: "person/li-guohua") { ... on Person { roles { until current } } } }`);
    // On the company and, INFERRED from the note on board and management changes, on the board.
    expect(d.entity.roles).toEqual([
      { until: '2020-03-11', current: false },
      { until: '2020-03-11', current: false },
    ]);
  });
});

describe('Query.metric, Query.metrics and Metric fields', () => {
  it('Metric.values, value, change: 4G base stations 98.7 → 141 → 150.3 萬個', async () => {
    const d = await data(/* GraphQL */ `
      {
        metric(name: "4G基站到達數量") {
          id unit category source footnote
          values { year value printed evidence { line quote section } }
          y2019: value(year: 2019) { value printed }
          y2017: value(year: 2017) { value }
          change(from: 2018, to: 2020) { from { year } to { year } absolute percent }
          none: change(from: 2016, to: 2020) { absolute }
        }
      }
    `);
    const m = d.metric;
    expect(m).toMatchObject({ id: 'metric/4g-base-stations-in-service', unit: '萬個', category: '網絡能力', source: 'KPI_TABLE' });
    expect(m.values.map((v: any) => [v.year, v.value, v.printed])).toEqual([
      [2018, 98.7, '98.7'],
      [2019, 141, '141'],
      [2020, 150.3, '150.3'],
    ]);
    expect(m.values[1].evidence).toMatchObject({ line: 4140, section: '關鍵績效' });
    expect(m.y2019).toEqual({ value: 141, printed: '141' });
    expect(m.y2017).toBeNull();
    expect(m.change).toEqual({ from: { year: 2018 }, to: { year: 2020 }, absolute: 51.6, percent: 52.28 });
    expect(m.none).toBeNull();
  });

  it('keeps values as printed: the male-to-female ratio "1.50：1" and "—" for a missing year', async () => {
    const d = await data(/* GraphQL */ `
      {
        ratio: metric(id: "metric/male-to-female-employee-ratio") { values { year value printed } }
        cable: metric(name: "線纜報廢處理量") { values { year value printed } }
      }
    `);
    expect(d.ratio.values[0]).toEqual({ year: 2018, value: 1.5, printed: '1.50：1' });
    expect(d.cable.values[0]).toEqual({ year: 2018, value: null, printed: '—' });
  });

  it('Query.metrics lists the 100 KPI rows first and filters by category and source', async () => {
    const d = await data(/* GraphQL */ `
      {
        kpi: metrics(source: KPI_TABLE) { totalCount }
        text: metrics(source: TEXT) { totalCount }
        green: metrics(category: "低碳發展", first: 100) { totalCount edges { node { category } } }
        first: metrics(first: 1) { edges { node { source } } }
      }
    `);
    expect(d.kpi.totalCount).toBe(100);
    expect(d.text.totalCount).toBe(501);
    expect(d.green.totalCount).toBe(19);
    expect(new Set(d.green.edges.map((e: any) => e.node.category))).toEqual(new Set(['低碳發展']));
    expect(d.first.edges[0].node.source).toBe('KPI_TABLE');
  });

  it('Query.metric returns null for a non-metric or unknown name', async () => {
    const d = await data(/* GraphQL */ `{ a: metric(name: "美團") { id } b: metric(id: "metric/nope") { id } }`);
    expect(d).toEqual({ a: null, b: null });
  });
});

describe('Query.neighborhood', () => {
  it("returns Meituan's depth-1 neighbourhood with the centre first and the edges among the nodes", async () => {
    const d = await data(/* GraphQL */ `
      { neighborhood(id: "partner/meituan") { center { id } nodes { id } edges { id source target type year } truncated } }
    `);
    const n = d.neighborhood;
    expect(n.center.id).toBe('partner/meituan');
    expect(n.nodes[0].id).toBe('partner/meituan');
    expect(n.nodes.map((x: any) => x.id)).toContain('company/china-unicom-hk');
    expect(n.edges).toContainEqual(
      expect.objectContaining({ source: 'company/china-unicom-hk', target: 'partner/meituan', type: 'PARTNERS_WITH', year: 2020 }),
    );
    const ids = new Set(n.nodes.map((x: any) => x.id));
    for (const e of n.edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
    expect(n.truncated).toBe(false);
  });

  it('grows with depth, respects the node limit and the type filter', async () => {
    const d = await data(/* GraphQL */ `
      {
        two: neighborhood(id: "partner/meituan", depth: 2, limit: 25) { nodes { id } truncated }
        typed: neighborhood(id: "partner/meituan", depth: 2, types: ["PARTNERS_WITH"], limit: 1000) { edges { type } }
      }
    `);
    expect(d.two.nodes).toHaveLength(25);
    expect(d.two.truncated).toBe(true);
    expect(new Set(d.typed.edges.map((e: any) => e.type))).toEqual(new Set(['PARTNERS_WITH']));
    // An unknown centre is a mistake to report (test/query-layer.test.ts), not an empty answer.
    const none = await gql('{ neighborhood(id: "partner/nope") { nodes { id } } }');
    expect(none.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('rejects depth 4 and limit 1001 (BAD_USER_INPUT)', async () => {
    for (const args of ['depth: 4', 'depth: 0', 'limit: 1001', 'limit: -1']) {
      const r = await gql(`{ neighborhood(id: "partner/meituan", ${args}) { nodes { id } } }`);
      expect(r.errors?.[0]?.extensions?.code, args).toBe('BAD_USER_INPUT');
    }
  });
});

describe('Query.paths', () => {
  it('finds the shortest paths from 美團 to 智慧冬奧: through China Unicom, and through 5G (the field its agreement names)', async () => {
    const d = await data(/* GraphQL */ `
      { paths(from: "partner/meituan", to: "program/smart-winter-olympics", first: 5) { length nodes { id } edges { source target type } } }
    `);
    expect(d.paths.every((p: any) => p.length === 2)).toBe(true);
    // Meituan's two PARTNERS_WITH edges (the agreement and the channel) each make a path through the group.
    const routes = [...new Set(d.paths.map((p: any) => `${p.nodes[1].id} ${p.edges.map((e: any) => e.type).join(',')}`))].sort();
    expect(routes).toEqual(['company/china-unicom-hk PARTNERS_WITH,RUNS', 'theme/5g ABOUT,ABOUT']);
  });

  it('routes around an avoided hub, and returns nothing beyond maxLength', async () => {
    const d = await data(/* GraphQL */ `
      {
        around: paths(from: "partner/china-telecom", to: "program/smart-winter-olympics", avoid: ["company/china-unicom-hk"], maxLength: 6) { length nodes { id } }
        short: paths(from: "partner/meituan", to: "program/smart-winter-olympics", maxLength: 1) { length }
      }
    `);
    // Through the theme both are ABOUT (5G: the co-build network and 5G賦能智慧冬奧), no longer via Beijing.
    expect(d.around.length).toBeGreaterThan(0);
    for (const p of d.around) {
      expect(p.nodes.map((n: any) => n.id)).not.toContain('company/china-unicom-hk');
      expect(p.length).toBe(2);
      expect(p.nodes[1].id).toMatch(/^theme\//);
    }
    expect(d.short).toEqual([]);
  });

  it('rejects maxLength 7 and from = to (BAD_USER_INPUT)', async () => {
    const long = await gql('{ paths(from: "partner/meituan", to: "region/hubei", maxLength: 7) { length } }');
    expect(long.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const same = await gql('{ paths(from: "partner/meituan", to: "partner/meituan") { length } }');
    expect(same.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('Query.stats', () => {
  it('counts entities per kind and relationships per type, with the graph version', async () => {
    const d = await data(
      /* GraphQL */ `{ stats { entities relations kinds { kind count } relationTypes { type count } lines sections metricValues version seededAt } }`,
    );
    const s = d.stats;
    expect(s.kinds).toContainEqual({ kind: 'METRIC', count: 601 });
    expect(s.kinds).toContainEqual({ kind: 'COMPANY', count: 6 });
    expect(s.entities).toBe(s.kinds.reduce((a: number, k: any) => a + k.count, 0));
    expect(s.relations).toBeGreaterThanOrEqual(800);
    expect(s.relationTypes.map((t: any) => t.type)).toContain('PARTNERS_WITH');
    expect(s.lines).toBe(5284);
    expect(s.metricValues).toBe(809);
    expect(s.version).toMatch(/^[0-9a-f]{16}$/);
    expect(Date.parse(s.seededAt)).not.toBeNaN();
  });
});

describe('Query.entities compiled (src/translate)', () => {
  it('all partners → programs → branches → region is ONE statement, however deep the nesting', async () => {
    const r = await gql<any>(
      /* GraphQL */ `
        {
          entities(kinds: [PARTNER], first: 100) {
            edges { node { id ... on Partner { programs { id branches { id region { id } } } } } }
          }
        }
      `,
      {},
      { 'x-trace': '1' },
    );
    expect(r.errors).toBeUndefined();
    const partners = r.data.entities.edges;
    expect(partners).toHaveLength(63);
    const programs = partners.flatMap((e: any) => e.node.programs);
    const branches = programs.flatMap((p: any) => p.branches);
    expect(programs.length).toBeGreaterThan(10);
    expect(branches.map((b: any) => b.id)).toContain('branch/shanghai');
    expect(branches.every((b: any) => b.region?.id?.startsWith('region/'))).toBe(true);
    // The page of partners, their programs, the programs' branches, the branches' regions: 4 levels, 1 statement.
    expect(r.extensions?.trace).toEqual({ dbRoundTrips: 1, queries: ['translate/list'] });
  });
});

describe('GraphiQL showcase queries (src/examples.ts)', () => {
  it('every example answers without errors', async () => {
    const { EXAMPLES } = await import('../src/examples.js');
    for (const [name, query] of Object.entries(EXAMPLES)) {
      const r = await gql(query);
      expect(r.errors, name).toBeUndefined();
    }
  });
});
