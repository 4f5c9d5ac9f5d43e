import { describe, expect, it } from 'vitest';
import { MAX_LIST_INDEX, phraseThenWords, textSearch } from '../../src/schema/text-search.js';

describe('phraseThenWords (lines and sentences search: phrase hits, then word hits)', () => {
  const tier = (total: number, calls: [number, number][]) => async (offset: number, limit: number) => {
    calls.push([offset, limit]);
    return { total, rows: Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => offset + i) };
  };

  it('fills a page from the phrase hits first, then continues with the word hits, totals added', async () => {
    const a: [number, number][] = [];
    const b: [number, number][] = [];
    const page = await phraseThenWords(3, 4, tier(5, a), tier(10, b));
    expect(page.total).toBe(15);
    expect(page.rows).toEqual([3, 4, 0, 1, 2]);
    expect(a).toEqual([[3, 5]]);
    expect(b).toEqual([[0, 3]]);
  });

  it('keeps offsets within a Cypher list index: a cursor of 2^53 − 2 pages past the end', async () => {
    const a: [number, number][] = [];
    const b: [number, number][] = [];
    await phraseThenWords(2 ** 53 - 2, 2, tier(5, a), tier(10, b));
    expect(a[0]?.[0]).toBe(MAX_LIST_INDEX);
    expect(b[0]?.[0]).toBe(MAX_LIST_INDEX);
    expect(MAX_LIST_INDEX + 101).toBeLessThan(2 ** 31);
  });
});

describe('textSearch', () => {
  it('folds the phrase in every script, and adds words only for several words or one Latin word', () => {
    expect(textSearch('物联网', 'search')).toEqual({ phrases: ['物联网', '物聯網'], lucene: null });
    expect(textSearch('Winter Olympics', 'search')?.lucene).toContain('olympics');
    expect(textSearch(null, 'search')).toBeNull();
    expect(() => textSearch('  ', 'search')).toThrow(/empty/);
  });
});
