import { offsetToCursor } from '@pothos/plugin-relay';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PAGE, MAX_OFFSET, MAX_PAGE, type Page, pageFromArray, pageFromRows, pageWindow } from '../../src/schema/pagination.js';
import { thrown } from './thrown.js';

const cursor = (offset: number) => offsetToCursor(offset);
/** A cursor in the form this server writes (Pothos's offset cursor), around any text. */
const spelled = (text: string) => Buffer.from(`OffsetConnection:${text}`).toString('base64');

describe('pageWindow: first/after (forward)', () => {
  it('starts at the beginning with the default page size', () => {
    expect(pageWindow({})).toEqual({ offset: 0, limit: DEFAULT_PAGE });
    expect(pageWindow({ first: 5 })).toEqual({ offset: 0, limit: 5 });
  });

  it('starts just after the `after` cursor', () => {
    expect(pageWindow({ first: 5, after: cursor(9) })).toEqual({ offset: 10, limit: 5 });
    expect(pageWindow({ after: cursor(0) })).toEqual({ offset: 1, limit: DEFAULT_PAGE });
  });

  it('stops before the `before` cursor when both are given', () => {
    expect(pageWindow({ first: 5, after: cursor(2), before: cursor(5) })).toEqual({ offset: 3, limit: 2 });
    expect(pageWindow({ first: 5, after: cursor(5), before: cursor(3) })).toEqual({ offset: 6, limit: 0 });
  });

  it('accepts 0 and the maximum, and a smaller maximum for a field that sets one', () => {
    expect(pageWindow({ first: 0 })).toEqual({ offset: 0, limit: 0 });
    expect(pageWindow({ first: MAX_PAGE })).toEqual({ offset: 0, limit: MAX_PAGE });
    expect(pageWindow({ first: 7 }, 7)).toEqual({ offset: 0, limit: 7 });
  });
});

describe('pageWindow: last/before (backward)', () => {
  it('ends just before the `before` cursor', () => {
    expect(pageWindow({ last: 3, before: cursor(10) })).toEqual({ offset: 7, limit: 3 });
  });

  it('is cut short at the start of the list', () => {
    expect(pageWindow({ last: 5, before: cursor(2) })).toEqual({ offset: 0, limit: 2 });
    expect(pageWindow({ last: 5, before: cursor(0) })).toEqual({ offset: 0, limit: 0 });
  });

  it('stays after the `after` cursor when both are given', () => {
    expect(pageWindow({ last: 3, after: cursor(2), before: cursor(10) })).toEqual({ offset: 7, limit: 3 });
    expect(pageWindow({ last: 10, after: cursor(2), before: cursor(10) })).toEqual({ offset: 3, limit: 7 });
  });

  it('without `before` takes `last` items from the start (or from `after`), the end being unknown', () => {
    expect(pageWindow({ last: 3 })).toEqual({ offset: 0, limit: 3 });
    expect(pageWindow({ last: 3, after: cursor(4) })).toEqual({ offset: 5, limit: 3 });
  });
});

describe('pageWindow: refused arguments', () => {
  it.each([
    ['first', { first: -1 }],
    ['first', { first: MAX_PAGE + 1 }],
    ['first', { first: 1.5 }],
    ['last', { last: -1 }],
    ['last', { last: MAX_PAGE + 1 }],
  ] as const)('%s out of range: %j', (argument, args) => {
    const err = thrown(() => pageWindow(args));
    expect(err.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    expect(err.message).toContain(`\`${argument}\` must be between 0 and ${MAX_PAGE}`);
  });

  it('names the smaller maximum of a field that sets one', () => {
    expect(thrown(() => pageWindow({ first: 8 }, 7)).message).toMatch(/^`first` must be between 0 and 7; got 8\./);
  });

  it('refuses `first` together with `last`', () => {
    const err = thrown(() => pageWindow({ first: 1, last: 1 }));
    expect(err.message).toBe('Give `first` or `last`, not both.');
    expect(err.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'last' });
  });

  it.each([
    ['after', 'not-a-cursor'],
    ['after', ''],
    ['before', Buffer.from('somethingelse:3').toString('base64')],
    ['after', Buffer.from('arrayconnection:-4').toString('base64')],
    ['before', Buffer.from('arrayconnection:x').toString('base64')],
    // Huge, in every spelling: each used to reach Neo4j's SKIP (or to be read as offset 1) and fail there.
    ['after', spelled('1e21')],
    ['after', cursor(1e21)],
    ['before', cursor(1e308)],
    ['after', spelled('9'.repeat(309))],
    ['before', spelled('9223372036854775808')],
    ['after', cursor(MAX_OFFSET + 1)],
    ['after', spelled('Infinity')],
    // Not the form this server writes: sign, fraction, leading zero, trailing text, other base64.
    ['after', spelled('-4')],
    ['after', spelled('+3')],
    ['before', spelled('1.5')],
    ['after', spelled('007')],
    ['before', spelled('3abc')],
    ['after', cursor(10).replace(/=+$/, '')],
    ['after', ` ${cursor(3)}`],
  ] as const)('a %s that is not a cursor of the connection: %j', (argument, value) => {
    const err = thrown(() => pageWindow({ [argument]: value }));
    expect(err.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    expect(err.message).toContain('is not a cursor of this connection');
  });
});

describe('pageWindow: the range of a cursor', () => {
  it('takes every offset up to MAX_OFFSET, past the end of any list', () => {
    expect(pageWindow({ first: 5, after: cursor(MAX_OFFSET) })).toEqual({ offset: MAX_OFFSET + 1, limit: 5 });
    expect(pageWindow({ last: 5, before: cursor(MAX_OFFSET) })).toEqual({ offset: MAX_OFFSET - 5, limit: 5 });
    expect(Number.isSafeInteger(MAX_OFFSET + 1)).toBe(true);
  });
});

describe('pageFromRows', () => {
  it('cuts the look-ahead row and tells that a next page exists', () => {
    const page = pageFromRows(['a', 'b', 'c'], 4, 2, () => 9);
    expect(page.edges.map((e) => e.node)).toEqual(['a', 'b']);
    expect(page.edges.map((e) => e.cursor)).toEqual([cursor(4), cursor(5)]);
    expect(page.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: true, startCursor: cursor(4), endCursor: cursor(5) });
    expect(page.totalCount()).toBe(9);
  });

  it('has no next page without the look-ahead row, and no previous one at offset 0', () => {
    const page = pageFromRows(['a'], 0, 2, () => 1);
    expect(page.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
  });

  it('gives null cursors for an empty page', () => {
    expect(pageFromRows([], 3, 5, () => 3).pageInfo).toMatchInlineSnapshot(`
      {
        "endCursor": null,
        "hasNextPage": false,
        "hasPreviousPage": true,
        "startCursor": null,
      }
    `);
  });
});

describe('pageFromArray: paging through a whole list', () => {
  const all = Array.from({ length: 45 }, (_, i) => `item-${i}`);

  it('forward with endCursor visits every item once, in order', () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: Page<string> = pageFromArray(all, { first: 20, after });
      pages += 1;
      seen.push(...page.edges.map((e) => e.node));
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(all);
  });

  it('backward with startCursor visits every item before the last one once, in order', () => {
    const lastCursor = pageFromArray(all, { first: 1, after: cursor(all.length - 2) }).pageInfo.endCursor;
    const seen: string[] = [];
    let before = lastCursor;
    for (;;) {
      const page = pageFromArray(all, { last: 20, before });
      seen.unshift(...page.edges.map((e) => e.node));
      expect(page.pageInfo.hasNextPage).toBe(true);
      if (!page.pageInfo.hasPreviousPage) break;
      before = page.pageInfo.startCursor;
    }
    expect(seen).toEqual(all.slice(0, -1));
  });

  it('counts the whole list, whatever the page', () => {
    expect(pageFromArray(all, { first: 2, after: cursor(40) }).totalCount()).toBe(45);
  });

  it('a cursor past the end gives an empty page, not an error', () => {
    const page = pageFromArray(all, { first: 5, after: cursor(100) });
    expect(page.edges).toEqual([]);
    expect(page.pageInfo.hasNextPage).toBe(false);
  });
});
