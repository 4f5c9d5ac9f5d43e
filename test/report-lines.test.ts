import { afterAll, describe, expect, it } from 'vitest';
import { sourceLines } from '../seed/source.js';
import { testApp } from './helpers.js';

const api = testApp();
afterAll(() => api.close());
const report = sourceLines();

describe('Query.line', () => {
  it('gives a line with its section, neighbours and the entities it names', async () => {
    const d = await api.data(/* GraphQL */ `
      {
        line(number: 3667) {
          number text section repeated
          before(count: 2) { number text }
          after(count: 1) { number text }
          entities { id }
        }
      }
    `);
    expect(d.line).toMatchObject({
      number: 3667,
      text: report[3666],
      section: '拓合作 › 構築數字創新生態',
      repeated: false,
      before: [
        { number: 3665, text: report[3664] },
        { number: 3666, text: report[3665] },
      ],
      after: [{ number: 3668, text: report[3667] }],
    });
    expect(d.line.text).toContain('與美團簽署戰略合作框架協議');
    expect(d.line.entities.map((e: { id: string }) => e.id)).toEqual(expect.arrayContaining(['partner/meituan', 'partner/people-cn']));
  });

  it('stops at the ends of the report, flags the repeated page, and is null past the last line', async () => {
    const d = await api.data(/* GraphQL */ `
      {
        first: line(number: 1) { number before { number } }
        copy: line(number: 800) { repeated }
        original: line(number: 650) { repeated }
        last: line(number: ${report.length}) { after { number } }
        past: line(number: ${report.length + 1}) { number }
      }
    `);
    expect(d.first).toEqual({ number: 1, before: [] });
    expect(d.copy.repeated).toBe(true);
    expect(d.original.repeated).toBe(false);
    expect(d.last.after).toEqual([]);
    expect(d.past).toBeNull();
  });

  it('refuses a number below 1 and a context over 20 (BAD_USER_INPUT)', async () => {
    for (const q of ['{ line(number: 0) { number } }', '{ line(number: 5) { before(count: 21) { number } } }']) {
      const r = await api.gql(q);
      expect(r.errors?.[0]?.extensions?.code, q).toBe('BAD_USER_INPUT');
    }
  });
});

describe('Query.lines', () => {
  it('finds every line naming 美團, in either script, in line order (a phrase hit has no word score)', async () => {
    for (const search of ['美團', '美团']) {
      const d = await api.data(
        /* GraphQL */ `query ($s: String) { lines(search: $s, first: 10) { edges { score node { number text } } } }`,
        { s: search },
      );
      const numbers = d.lines.edges.map((e: { node: { number: number } }) => e.node.number).sort((a: number, b: number) => a - b);
      expect(numbers).toEqual([1751, 3607, 3667]);
      for (const e of d.lines.edges) expect(e.score).toBeNull();
    }
  });

  it('restricts to a chapter or section (Simplified works too) and pages through it', async () => {
    const d = await api.data(/* GraphQL */ `
      {
        hits: lines(search: "签署战略合作", section: "拓合作", first: 5) { edges { node { number section } } }
        browse: lines(section: "扶贫篇", first: 2) { edges { cursor score node { number section } } pageInfo { hasNextPage endCursor } }
      }
    `);
    // 3599–3600 "與人民網簽署戰略合 / 作協議": the phrase starts on 3599 and runs on to the next line.
    expect(d.hits.edges.map((e: { node: { number: number } }) => e.node.number)).toEqual([3599, 3607, 3667]);
    for (const e of d.hits.edges) expect(e.node.section).toMatch(/^拓合作 › /);
    const first = d.browse.edges[0].node;
    expect(first.section).toMatch(/^扶貧篇/);
    expect(d.browse.edges[0].score).toBeNull();
    expect(d.browse.edges[1].node.number).toBe(first.number + 1);
    const next = await api.data(
      /* GraphQL */ `query ($a: String) { lines(section: "扶貧篇", first: 1, after: $a) { edges { node { number } } } }`,
      { a: d.browse.pageInfo.endCursor },
    );
    expect(next.lines.edges[0].node.number).toBe(first.number + 2);
  });

  it('leaves the repeated page out unless asked, and scans for one character', async () => {
    const d = await api.data(/* GraphQL */ `
      {
        plain: lines(search: "雪域童年", first: 50) { edges { node { number repeated } } }
        all: lines(search: "雪域童年", first: 50, includeRepeated: true) { edges { node { number repeated } } }
        one: lines(search: "鏑", first: 10) { edges { node { number text } } }
      }
    `);
    expect(d.plain.edges.every((e: { node: { repeated: boolean } }) => !e.node.repeated)).toBe(true);
    expect(d.all.edges.length).toBeGreaterThanOrEqual(d.plain.edges.length);
    expect(d.one.edges.map((e: { node: { number: number } }) => e.node.number)).toEqual([2876, 3671]);
  });

  it('treats user text as words, never query syntax, and refuses an empty search', async () => {
    for (const s of ['"', 'a:b', '(美團', 'MATCH (n) DETACH DELETE n', '*']) {
      const r = await api.gql(/* GraphQL */ `query ($s: String) { lines(search: $s) { edges { node { number } } } }`, { s });
      expect(r.errors, s).toBeUndefined();
    }
    const r = await api.gql(/* GraphQL */ `{ lines(search: "  ") { edges { node { number } } } }`);
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
