import { afterAll, describe, expect, it } from 'vitest';
import { testApp } from './helpers.js';

// Figures the report states about one entity (issue #21 item 4): metrics with `of:` in seed/data/metrics.yaml,
// written as (entity)-[:MEASURED_BY]->(metric).
const api = testApp();
afterAll(() => api.close());

describe('Entity.metrics', () => {
  it('gives the Yili rural broadband programme its bandwidth, villages, fibre ports and users, with unit, period and evidence span', async () => {
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
        id: 'metric/yili-rural-broadband-bandwidth',
        nameZh: '伊犁農村寬帶普遍服務帶寬',
        unit: 'M',
        values: [
          {
            year: 2020,
            value: 50,
            printed: '50以上',
            period: 'UNDATED',
            derivation: 'STATED',
            evidence: { line: 1401, lineEnd: 1402, quote: '並達到50M帶寬以上' },
          },
        ],
      },
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
    expect(d.hk.metrics).toHaveLength(601);
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
    expect(d.entity.relations.totalCount).toBe(5);
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
  // One request per count: each connection's totalCount is a statement of its own, and on a loaded machine a
  // request of several pays more database time than the server's per-request budget allows.
  const count = async (args: string): Promise<number> =>
    (await api.data(/* GraphQL */ `{ metrics(${args}, first: 1) { totalCount } }`)).metrics.totalCount;

  it('counts the 229 figures about a named entity and the 372 company-level metrics (none of the KPI table among the first)', async () => {
    expect(await count('measured: true')).toBe(229);
    expect(await count('measured: false')).toBe(372);
    expect(await count('measured: true, source: KPI_TABLE')).toBe(0);
    const s = await api.data(/* GraphQL */ '{ stats { relationTypes { type count } } }');
    expect(s.stats.relationTypes).toContainEqual({ type: 'MEASURED_BY', count: 229 });
  });

  it('counts them by the kind of entity they are about: 93 programmes, 72 products, 30 branches and subsidiaries', async () => {
    expect(await count('ofKinds: [PROGRAM]')).toBe(93);
    expect(await count('ofKinds: [PRODUCT]')).toBe(72);
    expect(await count('ofKinds: [BRANCH, SUBSIDIARY]')).toBe(30);
  });

  it('lists the figures about events with the event each measures, text metrics ordered by id', async () => {
    const d = await api.data(/* GraphQL */ `{ metrics(ofKinds: [EVENT], first: 2) { edges { node { id measures { id } } } } }`);
    expect(d.metrics.edges).toEqual([
      { node: { id: 'metric/changting-card-tasting-participants', measures: { id: 'event/changting-king-card-tasting-event' } } },
      { node: { id: 'metric/ciftis-support-personnel', measures: { id: 'event/ciftis-2020' } } },
    ]);
  });
});
