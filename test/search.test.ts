import { afterAll, describe, expect, it } from 'vitest';
import { testApp } from './helpers.js';

const api = testApp();
afterAll(() => api.close());

const SEARCH = /* GraphQL */ `
  query ($q: String!, $kinds: [EntityKind!], $first: Int) {
    search(query: $q, kinds: $kinds, first: $first) { score matched entity { id kind } }
  }
`;

async function search(q: string, opts: { kinds?: string[]; first?: number } = {}) {
  const r = await api.gql<{ search: { score: number; matched: string; entity: { id: string; kind: string } }[] }>(SEARCH, { q, ...opts });
  return r;
}

async function ids(q: string, opts: { kinds?: string[]; first?: number } = {}): Promise<string[]> {
  const r = await search(q, opts);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data?.search.map((h) => h.entity.id) ?? [];
}

describe('Query.search', () => {
  describe('exact names rank first, in any script', () => {
    const firstHit: [string, string][] = [
      ['中國電信', 'partner/china-telecom'],
      ['中国电信', 'partner/china-telecom'],
      ['China Telecom', 'partner/china-telecom'],
      ['china telecom', 'partner/china-telecom'],
      ['美團', 'partner/meituan'],
      ['美团', 'partner/meituan'],
      ['Meituan', 'partner/meituan'],
      ['華為', 'partner/huawei'],
      ['华为', 'partner/huawei'],
      ['Huawei', 'partner/huawei'],
      ['Tsinghua University', 'partner/tsinghua-university'],
      ['騰訊', 'partner/tencent'],
      ['阿里巴巴', 'partner/alibaba'],
      ['人民網', 'partner/people-cn'],
      ['王曉初', 'person/wang-xiaochu'],
      ['王晓初', 'person/wang-xiaochu'],
      ['Wang Xiaochu', 'person/wang-xiaochu'],
      ['湖北', 'region/hubei'],
      ['湖北聯通', 'branch/hubei'],
      ['湖北联通', 'branch/hubei'],
      ['聯通大數據', 'subsidiary/unicom-big-data'],
      ['联通大数据', 'subsidiary/unicom-big-data'],
      ['5G共建共享', 'program/5g-co-build-co-share'],
      ['雪域童年', 'program/snowland-childhood'],
      ['暢聽王卡', 'product/changting-king-card'],
      ['畅听王卡', 'product/changting-king-card'],
      ['孝心卡', 'product/filial-card'],
      ['沃雲', 'product/wo-cloud'],
      ['聯通鏈', 'program/unicom-chain'],
      ['肇慶', 'region/zhaoqing'],
      ['IR Magazine', 'organization/ir-magazine'],
      ['  美團  ', 'partner/meituan'],
      ['ＭＥＩＴＵＡＮ', 'partner/meituan'],
    ];
    it.each(firstHit)('%s → %s', async (q, id) => {
      expect((await ids(q))[0]).toBe(id);
    });
  });

  describe('partial names', () => {
    const contains: [string, string][] = [
      ['電信', 'partner/china-telecom'],
      ['电信', 'partner/china-telecom'],
      ['冬奧', 'program/smart-winter-olympics'],
      ['冬奥', 'program/smart-winter-olympics'],
      ['清華', 'partner/tsinghua-university'],
      ['大數據', 'subsidiary/unicom-big-data'],
      ['4G基站', 'metric/4g-base-stations-in-service'],
      ['Telecom', 'partner/china-telecom'],
    ];
    it.each(contains)('%s finds %s', async (q, id) => {
      expect(await ids(q, { first: 50 })).toContain(id);
    });
  });

  describe('one-character queries (the cjk analyzer indexes bigrams, so a fallback scans names)', () => {
    it.each([
      ['美', 'partner/meituan'],
      ['團', 'partner/meituan'],
      ['湖', 'region/hubei'],
    ])('%s finds %s', async (q, id) => {
      expect(await ids(q, { first: 50 })).toContain(id);
    });
  });

  it('filters by kind: 湖北 among branches only', async () => {
    const hits = await ids('湖北', { kinds: ['BRANCH'] });
    expect(hits[0]).toBe('branch/hubei');
    const r = await search('湖北', { kinds: ['BRANCH'] });
    expect(new Set(r.data?.search.map((h) => h.entity.kind))).toEqual(new Set(['BRANCH']));
  });

  it('reports the name that matched and a score ordering exact above partial', async () => {
    const r = await search('中国电信');
    expect(r.data?.search[0]).toMatchObject({ matched: '中國電信', entity: { id: 'partner/china-telecom' } });
    const partial = await search('電信', { first: 10 });
    const hits = partial.data?.search ?? [];
    for (let i = 1; i < hits.length; i++) expect((hits[i - 1]?.score ?? 0) >= (hits[i]?.score ?? 0)).toBe(true);
  });

  describe('user text is never query syntax: Lucene and Cypher in the query are plain text', () => {
    it.each([
      'a:b',
      '(美團',
      '美團)',
      '"',
      '*',
      '?',
      '~',
      '^2',
      '\\',
      '/',
      '[1 TO 2]',
      '{x}',
      '!美團',
      '+美團 -電信',
      '美團 AND 電信',
      'OR',
      'NOT',
      '&&',
      '||',
      'MATCH (n) DETACH DELETE n',
      "' OR 1=1 //",
      'x".__proto__',
    ])('%s answers without error', async (q) => {
      const r = await search(q);
      expect(r.errors).toBeUndefined();
      expect(Array.isArray(r.data?.search)).toBe(true);
    });

    it('keeps the graph intact after a Cypher-looking query', async () => {
      await search('MATCH (n) DETACH DELETE n');
      expect((await ids('美團'))[0]).toBe('partner/meituan');
    });
  });

  describe('arguments out of range are BAD_USER_INPUT', () => {
    it.each([
      ['', 10],
      ['   ', 10],
      ['美團', 0],
      ['美團', 51],
      ['x'.repeat(201), 10],
    ])('query %j first %d', async (q, first) => {
      const r = await search(q, { first });
      expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });
  });
});
