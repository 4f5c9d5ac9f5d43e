import { afterAll, describe, expect, it } from 'vitest';
import { luceneQuery, singular } from '../src/search/text.js';
import { testApp } from './helpers.js';

const api = testApp();
afterAll(() => api.close());

const SEARCH = /* GraphQL */ `
  query ($q: String!, $first: Int) {
    search(query: $q, first: $first) { score matched entity { id } }
  }
`;

async function hits(q: string, first = 5) {
  const d = await api.data<{ search: { score: number; matched: string; entity: { id: string } }[] }>(SEARCH, { q, first });
  return d.search;
}

/** [query, the id expected, how it must rank: 'first' (exact name or alias) or 'top5'] */
type Case = [string, string, 'first' | 'top5'];

const traditional: Case[] = [
  ['中國聯通', 'company/china-unicom-hk', 'first'],
  ['中國聯合網絡通信（香港）股份有限公司', 'company/china-unicom-hk', 'first'],
  ['聯通運營公司', 'company/china-unicom-operating', 'first'],
  ['聯通集團', 'company/china-unicom-group', 'first'],
  ['國家綠色數據中心', 'award/national-green-data-center', 'first'],
  ['其中：固定電話客戶滿意度', 'metric/fixed-telephone-customer-satisfaction', 'first'],
  ['雲轉播', 'subsidiary/beijing-international-cloud-broadcasting', 'first'],
  ['度小滿', 'partner/du-xiaoman', 'first'],
  ['冬奧會', 'event/beijing-2022-winter-olympics', 'first'],
  ['消費扶貧', 'program/consumption-poverty-alleviation', 'first'],
  ['中科院', 'organization/chinese-academy-of-sciences', 'first'],
  ['暢聽王卡', 'product/changting-king-card', 'first'],
  ['清華', 'partner/tsinghua-university', 'top5'],
  ['工業互聯網', 'program/5g-plus-industrial-internet', 'top5'],
  ['區塊鏈', 'product/guangzhou-gongfa-chain', 'top5'],
];

const simplified: Case[] = [
  ['中国联通', 'company/china-unicom-hk', 'first'],
  ['中国联合网络通信(香港)股份有限公司', 'company/china-unicom-hk', 'first'],
  ['联通运营公司', 'company/china-unicom-operating', 'first'],
  ['联通集团', 'company/china-unicom-group', 'first'],
  ['国家绿色数据中心', 'award/national-green-data-center', 'first'],
  ['固定电话客户满意度', 'metric/fixed-telephone-customer-satisfaction', 'first'],
  ['云转播', 'subsidiary/beijing-international-cloud-broadcasting', 'first'],
  ['度小满科技(北京)有限公司', 'partner/du-xiaoman', 'first'],
  ['冬奥会', 'event/beijing-2022-winter-olympics', 'first'],
  ['消费扶贫', 'program/consumption-poverty-alleviation', 'first'],
  ['中国科学院', 'organization/chinese-academy-of-sciences', 'first'],
  ['畅听王卡', 'product/changting-king-card', 'first'],
  ['王晓初', 'person/wang-xiaochu', 'first'],
  ['清华', 'partner/tsinghua-university', 'top5'],
  ['区块链', 'product/guangzhou-gongfa-chain', 'top5'],
];

const english: Case[] = [
  ['China Unicom', 'company/china-unicom-hk', 'first'],
  ['china unicom', 'company/china-unicom-hk', 'first'],
  ['Winter Olympics', 'event/beijing-2022-winter-olympics', 'first'],
  ['Olympic Winter Games', 'event/beijing-2022-winter-olympics', 'first'],
  ['olympic games winter', 'event/beijing-2022-winter-olympics', 'first'],
  ['Smart Winter Olympic', 'program/smart-winter-olympics', 'first'],
  ['Meitaun', 'partner/meituan', 'first'],
  ['Huawey', 'partner/huawei', 'first'],
  ['Wnag Xiaochu', 'person/wang-xiaochu', 'first'],
  ['China Telcom', 'partner/china-telecom', 'first'],
  ['Alibab', 'partner/alibaba', 'first'],
  ['Tsinghua Universities', 'partner/tsinghua-university', 'first'],
  ['Tencent Video', 'partner/tencent', 'first'],
  ['Unicom Big Data', 'subsidiary/unicom-big-data', 'first'],
  ['Fortune Global 500', 'award/fortune-global-500-2020', 'first'],
  ['universal services', 'program/universal-service-batch-5', 'top5'],
  ['snowland childhood', 'program/snowland-childhood', 'top5'],
];

describe('Query.search', () => {
  it('has at least 40 ranking cases in three scripts', () => {
    expect(traditional.length + simplified.length + english.length).toBeGreaterThanOrEqual(40);
    expect(Math.min(traditional.length, simplified.length, english.length)).toBeGreaterThanOrEqual(13);
  });

  for (const [script, cases] of [
    ['Traditional', traditional],
    ['Simplified', simplified],
    ['English', english],
  ] as const) {
    describe(`ranking, ${script}`, () => {
      it.each(cases)('%s → %s (%s)', async (q, id, how) => {
        const found = (await hits(q)).map((h) => h.entity.id);
        if (how === 'first') expect(found[0]).toBe(id);
        else expect(found).toContain(id);
      });
    });
  }

  it('puts exact names first whatever `first` is: "China Unicom" with first: 1 and first: 5 is the company', async () => {
    for (const first of [1, 2, 5]) {
      const r = await hits('China Unicom', first);
      expect(r[0]).toMatchObject({ matched: 'China Unicom', entity: { id: 'company/china-unicom-hk' } });
      expect(r[0]?.score).toBeGreaterThan(3);
      for (const h of r.slice(1)) expect(h.score).toBeLessThan(3);
    }
  });

  it('lists every entity sharing an exact name first, the entity before the KPI row', async () => {
    const r = await hits('國家綠色數據中心');
    expect(r.slice(0, 2).map((h) => h.entity.id)).toEqual(['award/national-green-data-center', 'metric/green-data-centres']);
    expect(r.slice(0, 2).every((h) => h.score > 3)).toBe(true);
  });
});

describe('search text helpers (English recall)', () => {
  it('singular: plurals to singular, other words as they are', () => {
    expect(['olympics', 'cities', 'universities', 'boxes', 'games', 'class', 'data'].map(singular)).toEqual([
      'olympic',
      'city',
      'university',
      'box',
      'game',
      'class',
      'data',
    ]);
  });

  it('makes Latin words of four letters or more tolerant (singular, one edit), never stop words or CJK', () => {
    expect(luceneQuery(['Winter Olympics'])).toBe('"winter olympics"^4 OR (+(winter winter~1) +(olympics olympics~1 olympic))');
    expect(luceneQuery(['the games'])).toBe('"the games"^4 OR (+the +(games games~1 game))');
    expect(luceneQuery(['美團'])).toBe('"美團"^4');
  });
});
