import { afterAll, describe, expect, it } from 'vitest';
import { testApp } from './helpers.js';

// Figures the report states about one entity (issue #21 item 4): metrics with `of:` in seed/data/metrics.yaml,
// written as (entity)-[:MEASURED_BY]->(metric).
const api = testApp();
afterAll(() => api.close());

describe('Entity.metrics', () => {
  it('gives the Yili rural broadband programme its villages, fibre ports and users, with unit, period and evidence span', async () => {
    const d = await api.data(/* GraphQL */ `
      {
        entity(id: "program/yili-rural-broadband") {
          nameZh
          metrics { id nameZh unit values { year value printed period derivation evidence { line lineEnd quote } } }
        }
      }
    `);
    expect(d.entity.nameZh).toBe('「農村寬帶普遍服務」工程');
    expect(d.entity.metrics).toEqual([
      {
        id: 'metric/yili-rural-broadband-fibre-ports',
        nameZh: '伊犁農村寬帶普遍服務光網端口',
        unit: '個',
        values: [
          {
            year: 2020,
            value: 3136,
            printed: '3136',
            period: 'CUMULATIVE',
            derivation: 'STATED',
            evidence: { line: 1400, lineEnd: 1401, quote: '建設光網端口3136個' },
          },
        ],
      },
      {
        id: 'metric/yili-rural-broadband-users',
        nameZh: '伊犁農村寬帶普遍服務寬帶用戶',
        unit: '用戶',
        values: [
          {
            year: 2020,
            value: 3000,
            printed: '3000多',
            period: 'CUMULATIVE',
            derivation: 'STATED',
            evidence: { line: 1401, lineEnd: 1401, quote: '為3000多用戶享受到寬帶網絡' },
          },
        ],
      },
      {
        id: 'metric/yili-rural-broadband-villages',
        nameZh: '伊犁農村寬帶普遍服務建成行政村',
        unit: '個',
        values: [
          {
            year: 2020,
            value: 70,
            printed: '70',
            period: 'CUMULATIVE',
            derivation: 'STATED',
            evidence: { line: 1399, lineEnd: 1400, quote: '自2017年以來，共計完成建設70個行政村' },
          },
        ],
      },
    ]);
  });

  it('reaches a text figure that was already curated, now from the product it is about (the DingTalk cloud classroom, L512)', async () => {
    const d = await api.data(/* GraphQL */ `
      { entity(name: "聯通釘釘雲課堂") { metrics { nameZh unit value(year: 2020) { value printed evidence { line quote } } } } }
    `);
    expect(d.entity.metrics).toEqual([
      {
        nameZh: '廣西釘釘雲課堂日均活躍人數',
        unit: '萬人',
        value: { value: 1.53, printed: '1.53', evidence: { line: 512, quote: '日均活躍人數1.53萬人' } },
      },
      {
        nameZh: '廣西釘釘雲課堂註冊人數',
        unit: '萬人',
        value: { value: 9.12, printed: '9.12', evidence: { line: 512, quote: '釘釘雲課堂註冊人數達9.12萬人' } },
      },
    ]);
  });

  it('is empty for an entity the report states no figure about, and on Company also lists what it REPORTS', async () => {
    const d = await api.data(/* GraphQL */ `
      {
        meituan: entity(id: "partner/meituan") { metrics { id } }
        aShare: entity(id: "company/china-unicom-a-share") { metrics { id value(year: 2020) { printed } } }
        hk: entity(id: "company/china-unicom-hk") { metrics { id } }
      }
    `);
    expect(d.meituan.metrics).toEqual([]);
    expect(d.aShare.metrics).toEqual([
      { id: 'metric/a-share-company-issued-shares', value: { printed: '約310' } },
      { id: 'metric/restricted-shares-unlocked', value: { printed: '約3' } },
      { id: 'metric/strategic-investor-shares', value: null },
    ]);
    expect(d.hk.metrics).toHaveLength(456);
  });
});

describe('Metric.measures', () => {
  it('names the entity a figure is about: the Huiheje platform resolved 1000餘 disputes (L2829–2830)', async () => {
    const d = await api.data(/* GraphQL */ `
      {
        disputes: metric(id: "metric/huiheje-disputes-resolved") {
          measures { id kind nameZh }
          values { year value printed period evidence { line lineEnd quote } }
        }
        kpi: metric(id: "metric/4g-base-stations-in-service") { measures { id } }
      }
    `);
    expect(d.disputes.measures).toEqual({
      id: 'product/huiheje-dispute-resolution-platform',
      kind: 'PRODUCT',
      nameZh: '「矛盾糾紛多元化解平台 — 慧合解」',
    });
    expect(d.disputes.values).toEqual([
      {
        year: 2020,
        value: 1000,
        printed: '1000餘',
        period: 'CUMULATIVE',
        evidence: { line: 2829, lineEnd: 2830, quote: '累計化解矛盾糾紛1000餘起' },
      },
    ]);
    expect(d.kpi.measures).toBeNull();
  });
});

describe('RelationEdge (MEASURED_BY)', () => {
  it('is STATED, with the evidence of the figure (Liaoning e-government cloud: 768 systems, L2821)', async () => {
    const d = await api.data(/* GraphQL */ `
      {
        entity(id: "program/liaoning-e-government-cloud") {
          relations(relationTypes: [MEASURED_BY]) { totalCount edges { type direction derivation rule node { id } evidence { line quote } } }
        }
      }
    `);
    expect(d.entity.relations.totalCount).toBe(3);
    expect(d.entity.relations.edges).toContainEqual({
      type: 'MEASURED_BY',
      direction: 'OUT',
      derivation: 'STATED',
      rule: null,
      node: { id: 'metric/liaoning-e-gov-cloud-systems' },
      evidence: [{ line: 2821, quote: '768個非涉密政務信息系統' }],
    });
  });
});

describe('Query.metrics(measured:, ofKinds:)', () => {
  it('counts the 164 figures about a named entity, the 292 company-level metrics, and those about each kind', async () => {
    const d = await api.data(/* GraphQL */ `
      {
        measured: metrics(measured: true) { totalCount }
        company: metrics(measured: false) { totalCount }
        kpi: metrics(measured: true, source: KPI_TABLE) { totalCount }
        programs: metrics(ofKinds: [PROGRAM]) { totalCount }
        products: metrics(ofKinds: [PRODUCT]) { totalCount }
        places: metrics(ofKinds: [BRANCH, SUBSIDIARY]) { totalCount }
        events: metrics(ofKinds: [EVENT], first: 2) { edges { node { id measures { id } } } }
        stats { relationTypes { type count } }
      }
    `);
    expect(d.measured.totalCount).toBe(164);
    expect(d.company.totalCount).toBe(292);
    expect(d.kpi.totalCount).toBe(0);
    expect(d.programs.totalCount).toBe(58);
    expect(d.products.totalCount).toBe(52);
    expect(d.places.totalCount).toBe(24);
    expect(d.events.edges).toEqual([
      { node: { id: 'metric/changting-card-tasting-participants', measures: { id: 'event/changting-king-card-tasting-event' } } },
      { node: { id: 'metric/ciftis-support-personnel', measures: { id: 'event/ciftis-2020' } } },
    ]);
    expect(d.stats.relationTypes).toContainEqual({ type: 'MEASURED_BY', count: 164 });
  });
});
