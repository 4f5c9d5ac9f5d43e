import { afterAll, describe, expect, it } from 'vitest';
import { isDuplicateLine } from '../seed/parse/duplicates.js';
import { kpiTableRange } from '../seed/parse/kpi-table.js';
import { blocksOf, sentencesOf } from '../seed/parse/sentences.js';
import { sourceLines } from '../seed/source.js';
import { foldText } from '../src/search/text.js';
import { testApp } from './helpers.js';

const api = testApp();
afterAll(() => api.close());
const report = sourceLines();
const kpi = kpiTableRange(report);

/**
 * An independent count over the joined text: each block's lines folded and concatenated (one space between
 * ASCII words), every occurrence of `term` (Traditional, folded) found with indexOf, and the line where
 * it starts collected; the repeated page left out.
 */
function linesWhereStarts(term: string): number[] {
  const needle = foldText(term);
  const found = new Set<number>();
  for (const block of blocksOf(report, { kpi })) {
    const rows = block.kind === 'TABLE' || block.kind === 'KPI' || block.kind === 'PAGE' ? block.lines.map((n) => [n]) : [block.lines];
    for (const group of rows) {
      let text = '';
      const lineAt: number[] = [];
      for (const n of group) {
        const t = foldText(report[n - 1] ?? '');
        if (t === '') continue;
        if (/[a-z0-9_]$/.test(text) && /^[a-z0-9_]/.test(t)) {
          text += ' ';
          lineAt.push(n);
        }
        text += t;
        for (let i = 0; i < t.length; i++) lineAt.push(n);
      }
      for (let p = text.indexOf(needle); p >= 0; p = text.indexOf(needle, p + 1)) {
        const line = lineAt[p] ?? 0;
        if (!isDuplicateLine(line)) found.add(line);
      }
    }
  }
  return [...found].sort((a, b) => a - b);
}

/** The sentences (outside the repeated page) whose folded text holds `term`, by the parser directly. */
function sentencesHolding(term: string): number {
  const needle = foldText(term);
  return sentencesOf(report, { kpi }).filter((s) => !isDuplicateLine(s.lineStart) && foldText(s.text).includes(needle)).length;
}

// [as typed, its Traditional form as printed]: names, themes, figures, Simplified input, names the PDF split.
const TERMS: [string, string][] = [
  ['物聯網', '物聯網'],
  ['扶貧', '扶貧'],
  ['5G', '5G'],
  ['冬奧', '冬奧'],
  ['美團', '美團'],
  ['华为', '華為'],
  ['中国电信', '中國電信'],
  ['京雄國際試商用量子加密幹線', '京雄國際試商用量子加密幹線'],
  ['雲啓智慧科技有限公司', '雲啓智慧科技有限公司'],
  ['中國社會扶貧網', '中國社會扶貧網'],
  ['「一碼游貴州」全域智慧旅遊平台', '「一碼游貴州」全域智慧旅遊平台'],
  ['區塊鏈', '區塊鏈'],
  ['大数据', '大數據'],
  ['人工智能', '人工智能'],
  ['工業互聯網', '工業互聯網'],
  ['智慧城市', '智慧城市'],
  ['網絡安全', '網絡安全'],
  ['疫情防控', '疫情防控'],
  ['乡村振兴', '鄉村振興'],
  ['雪域童年', '雪域童年'],
  ['沃雲', '沃雲'],
  ['共建共享', '共建共享'],
  ['清華大學', '清華大學'],
  ['141', '141'],
  ['94%', '94%'],
  ['2020年11月', '2020年11月'],
  ['數字化轉型', '數字化轉型'],
  ['信息無障礙', '信息無障礙'],
  ['一带一路', '一帶一路'],
  ['智慧冬奥', '智慧冬奧'],
  ['北京歌華有線電視網絡股份有限公司', '北京歌華有線電視網絡股份有限公司'],
  ['網龍網絡控股有限公司', '網龍網絡控股有限公司'],
  ['ＢＡＴＪ', 'BATJ'],
  ['聯通', '聯通'],
];

describe('Query.lines(search:) across line breaks', () => {
  it(`finds, for ${TERMS.length} terms, exactly the lines where the term starts in the joined text (totalCount and every page)`, async () => {
    const wrong: string[] = [];
    for (const [typed, printed] of TERMS) {
      const want = linesWhereStarts(printed);
      const got: number[] = [];
      let after: string | null = null;
      let total = -1;
      do {
        const d: {
          lines: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: { number: number } }[] };
        } = await api.data(
          /* GraphQL */ `
              query ($q: String!, $after: String) {
                lines(search: $q, first: 100, after: $after) {
                  totalCount
                  pageInfo { hasNextPage endCursor }
                  edges { node { number } }
                }
              }
            `,
          { q: typed, after },
        );
        total = d.lines.totalCount;
        got.push(...d.lines.edges.map((e) => e.node.number));
        after = d.lines.pageInfo.hasNextPage ? d.lines.pageInfo.endCursor : null;
      } while (after);
      if (total !== want.length || JSON.stringify(got) !== JSON.stringify(want))
        wrong.push(`${typed}: totalCount ${total}, lines ${got.length}; independent count ${want.length}`);
    }
    expect(wrong).toEqual([]);
  });

  it('finds 物聯網 on the lines where the PDF broke it (22 places in the joined text)', async () => {
    const d = await api.data(/* GraphQL */ `{ lines(search: "物聯網", first: 100) { totalCount } }`);
    expect(d.lines.totalCount).toBe(linesWhereStarts('物聯網').length);
    expect(d.lines.totalCount).toBeGreaterThanOrEqual(22);
  });

  it('returns 2593 for the name split over 2593–2594, and lists lines in order without a search', async () => {
    const d = await api.data(/* GraphQL */ `
      {
        split: lines(search: "京雄國際試商用量子加密幹線") { totalCount edges { score node { number sentence { id lineStart lineEnd } } } }
        all: lines(first: 3) { totalCount edges { node { number } } }
      }
    `);
    expect(d.split.edges.map((e: { node: { number: number } }) => e.node.number)).toEqual([2593]);
    expect(d.split.edges[0].score).toBeNull();
    expect(d.split.edges[0].node.sentence.lineStart).toBeLessThanOrEqual(2593);
    expect(d.split.edges[0].node.sentence.lineEnd).toBeGreaterThanOrEqual(2594);
    expect(d.all.totalCount).toBe(report.filter((_, i) => !isDuplicateLine(i + 1)).length);
    expect(d.all.edges.map((e: { node: { number: number } }) => e.node.number)).toEqual([1, 2, 3]);
  });

  it('puts phrase hits first, then lines holding all the words in any order', async () => {
    const d = await api.data(/* GraphQL */ `{ lines(search: "戰略合作 美團", first: 100) { totalCount edges { score node { text } } } }`);
    expect(d.lines.totalCount).toBeGreaterThan(0);
    for (const e of d.lines.edges) {
      expect(e.score).not.toBeNull();
      expect(e.node.text).toMatch(/戰略|美團/);
    }
  });
});

describe('Query.sentences', () => {
  it(`counts, for ${TERMS.length} terms, every sentence holding the term (search across line breaks, totalCount)`, async () => {
    const wrong: string[] = [];
    for (const [typed, printed] of TERMS) {
      const d = await api.data(`query ($q: String!) { sentences(search: $q, first: 1) { totalCount } }`, { q: typed });
      const want = sentencesHolding(printed);
      if (d.sentences.totalCount !== want) wrong.push(`${typed}: ${d.sentences.totalCount} vs ${want}`);
    }
    expect(wrong).toEqual([]);
  });

  it('gives the whole sentence of 2587–2589 across its blank line, with its section, lines and entities', async () => {
    const d = await api.data(/* GraphQL */ `
      {
        sentences(search: "5G泛在低空測試基地") {
          totalCount
          edges { node { id text lineStart lineEnd block section chapter repeated lines { number } } }
        }
      }
    `);
    expect(d.sentences.totalCount).toBe(1);
    const s = d.sentences.edges[0].node;
    expect(s).toMatchObject({ id: 'sentence/2587.1', lineStart: 2587, lineEnd: 2589, block: 'PARAGRAPH', repeated: false });
    expect(s.text).toContain('助力安陽成為中國聯通5G泛在低空測試基地和民航局無人機試驗基地。');
    expect(s.lines.map((l: { number: number }) => l.number)).toEqual([2587, 2588, 2589]);
    expect(s.chapter).toBe(s.section.split(' › ')[0]);
  });

  it('keeps the sentences naming an entity (mentions:) and pages them in reading order', async () => {
    const d = await api.data(/* GraphQL */ `
      {
        sentences(mentions: "partner/meituan", first: 10) { totalCount edges { node { id text lineStart entities { id } } } }
        entity(id: "partner/meituan") { sentences(first: 10) { totalCount } }
      }
    `);
    expect(d.sentences.totalCount).toBe(d.entity.sentences.totalCount);
    expect(d.sentences.totalCount).toBeGreaterThanOrEqual(3);
    const starts = d.sentences.edges.map((e: { node: { lineStart: number } }) => e.node.lineStart);
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    const agreement = d.sentences.edges.find((e: { node: { text: string } }) => e.node.text.includes('與美團簽署戰略合作框架協議'));
    expect(agreement?.node.entities.map((e: { id: string }) => e.id)).toContain('partner/meituan');
  });

  it('is NOT_FOUND for an unknown entity and BAD_USER_INPUT for an empty search', async () => {
    const a = await api.gql('{ sentences(mentions: "partner/nobody") { totalCount } }');
    expect(a.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const b = await api.gql('{ sentences(search: "   ") { totalCount } }');
    expect(b.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('takes hostile text as data: prototype names, Lucene and Cypher syntax, bad variables then good ones', async () => {
    const q = 'query ($s: String, $m: ID) { sentences(search: $s, mentions: $m, first: 2) { totalCount } }';
    const proto = await api.gql(q, { m: '__proto__' });
    expect(proto.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    for (const s of ['__proto__', 'constructor', '"a" AND b:* OR c~ \\', "') RETURN 1 //", '*:*']) {
      const r = await api.gql(q, { s });
      expect(r.errors, s).toBeUndefined();
      // One word is exactly its phrase; several add the sentences holding all the words (never fewer).
      if (s.includes(' ')) expect(r.data?.sentences.totalCount, s).toBeGreaterThanOrEqual(sentencesHolding(s));
      else expect(r.data?.sentences.totalCount, s).toBe(sentencesHolding(s));
    }
    const bad = await api.gql(q, { s: ['物聯網'] });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const good = await api.gql(q, { s: '物聯網' });
    expect(good.data?.sentences.totalCount).toBe(sentencesHolding('物聯網'));
    const none = await api.data('{ a: sentence(id: "__proto__") { id } b: sentence(id: "constructor") { id } }');
    expect(none).toEqual({ a: null, b: null });
  });

  it('Query.sentence gives one by id and null for an unknown one', async () => {
    const d = await api.data(
      /* GraphQL */ `{ one: sentence(id: "sentence/2587.1") { lineEnd } none: sentence(id: "sentence/0.1") { id } }`,
    );
    expect(d).toEqual({ one: { lineEnd: 2589 }, none: null });
  });
});

describe('Evidence.lineEnd and Evidence.sentence', () => {
  it('a partner whose name the PDF split cites it as one span, inside its whole sentence (partner/gehua-catv)', async () => {
    const d = await api.data(/* GraphQL */ `
      { entity(id: "partner/gehua-catv") { evidence { line lineEnd quote sentence { id text lineStart lineEnd } } } }
    `);
    const span = d.entity.evidence.find((e: { line: number; lineEnd: number }) => e.lineEnd > e.line);
    expect(span.quote).toContain('北京歌華有線電視網絡股份有限公司');
    expect(span.sentence.text.replace(/\s+/g, '')).toContain(span.quote.replace(/\s+/g, ''));
    expect(span.sentence.lineStart).toBeLessThanOrEqual(span.line);
    expect(span.sentence.lineEnd).toBeGreaterThanOrEqual(span.lineEnd);
  });

  it('no quote anywhere in the graph is shorter than 4 characters', async () => {
    const r = await api.driver.executeQuery(`
      MATCH (n:Entity) UNWIND n.evidenceQuotes AS q WITH q WHERE size(q) < 4 RETURN count(*) AS c
      UNION ALL
      MATCH (:Entity)-[r]->(:Entity) UNWIND r.evidenceQuotes AS q WITH q WHERE size(q) < 4 RETURN count(*) AS c`);
    expect(r.records.map((x) => Number(x.get('c')))).toEqual([0, 0]);
  });
});

describe('ReportLine.sentence', () => {
  it('line 2588 (blank inside a sentence) belongs to it; line 3667 begins in the Meituan sentence', async () => {
    const d = await api.data(/* GraphQL */ `
      {
        blank: line(number: 2588) { sentence { id } sentences { id } }
        meituan: line(number: 3667) { sentence { text } }
      }
    `);
    expect(d.blank.sentence.id).toBe('sentence/2587.1');
    expect(d.meituan.sentence.text).toBeTruthy();
  });
});

describe('Path.edges.evidence and Subgraph.edges.evidence', () => {
  it('cites every edge of a path and a neighbourhood, with its sentence, in the same request', async () => {
    const d = await api.data(/* GraphQL */ `
      {
        paths(from: "partner/meituan", to: "company/china-unicom-hk", first: 1) {
          edges { id type evidence { line lineEnd quote sentence { id text } } }
        }
        neighborhood(id: "partner/meituan") { edges { id evidence { quote sentence { text } } } }
      }
    `);
    const edges = [...d.paths[0].edges, ...d.neighborhood.edges];
    // One statement per root field, evidence and sentences included (x-trace lists the statements run).
    const traced = await api.gql(
      /* GraphQL */ `{
        paths(from: "partner/meituan", to: "company/china-unicom-hk", first: 1) { edges { evidence { quote sentence { text } } } }
        neighborhood(id: "partner/meituan") { edges { evidence { quote sentence { text } } } }
      }`,
      {},
      { 'x-trace': '1' },
    );
    expect(traced.extensions?.trace).toEqual({ dbRoundTrips: 2, queries: ['graph/paths', 'graph/neighborhood'] });
    expect(edges.length).toBeGreaterThan(1);
    for (const e of edges) {
      expect(e.evidence.length, e.id).toBeGreaterThan(0);
      for (const ev of e.evidence) expect(ev.sentence.text.replace(/\s+/g, ''), e.id).toContain(ev.quote.replace(/\s+/g, '').slice(0, 4));
    }
  });
});
