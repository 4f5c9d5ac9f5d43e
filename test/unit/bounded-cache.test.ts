import { parse } from 'graphql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { boundedCache, ENTRY_OVERHEAD_BYTES, stringBytes } from '../../src/bounded-cache.js';
import type { Db } from '../../src/db/read.js';
import { boundedResponseCache, VERSION_UNKNOWN, versionTracker } from '../../src/http/cache.js';
import { BYTES_PER_TOKEN, documentBytes, documentCaches } from '../../src/http/document-cache.js';
import { MAX_CACHED_NAME_CHARS, nameCacheSize, nameKey, setNameCacheBudget } from '../../src/search/names.js';

const KB = 1024;

describe('boundedCache', () => {
  it('keeps its total within the budget however many bytes go in, evicting the least recently used', () => {
    const cache = boundedCache<string>({ maxBytes: 10 * KB, maxEntryBytes: 4 * KB, sizeOf: (v) => v.length });
    for (let i = 0; i < 1_000; i++) {
      cache.set(`k${i}`, 'x'.repeat(100 + (i % 7) * 300));
      expect(cache.size().bytes).toBeLessThanOrEqual(10 * KB);
    }
    expect(cache.size().entries).toBeGreaterThan(3);
    // The newest survive, the oldest went.
    expect(cache.get('k999')).toBeDefined();
    expect(cache.get('k0')).toBeUndefined();
  });

  it('refuses an entry above maxEntryBytes, and drops what the key held before', () => {
    const cache = boundedCache<string>({ maxBytes: 10 * KB, maxEntryBytes: 2 * KB, sizeOf: (v) => v.length });
    cache.set('small', 'a');
    cache.set('big', 'b'.repeat(2 * KB));
    expect(cache.get('big')).toBeUndefined();
    expect(cache.get('small')).toBe('a');
    cache.set('small', 'c'.repeat(3 * KB));
    expect(cache.get('small')).toBeUndefined();
    expect(cache.size()).toEqual({ entries: 0, bytes: 0, maxBytes: 10 * KB, maxEntryBytes: 2 * KB });
  });

  it('counts each entry as sizeOf plus the per-entry overhead', () => {
    const cache = boundedCache<string>({ maxBytes: 10 * KB, maxEntryBytes: 10 * KB, sizeOf: (v, k) => v.length + k.length });
    cache.set('key', 'value');
    expect(cache.size().bytes).toBe(8 + ENTRY_OVERHEAD_BYTES);
  });

  it('takes any text as a key, __proto__ included', () => {
    const cache = boundedCache<string>({ maxBytes: KB, maxEntryBytes: KB, sizeOf: (v) => v.length });
    cache.set('__proto__', 'p');
    cache.set('constructor', 'c');
    expect(cache.get('__proto__')).toBe('p');
    expect(cache.get('constructor')).toBe('c');
    expect(cache.get('toString')).toBeUndefined();
  });
});

describe('stringBytes', () => {
  it('counts Latin-1 text at one byte a character and anything else at two', () => {
    expect(stringBytes('abc')).toBe(3);
    expect(stringBytes('中国联通')).toBe(8);
    expect(stringBytes('a中')).toBe(4);
  });
});

describe('the document cache (yoga parserAndValidationCache)', () => {
  const doc = (n: number, pad: number) => `query Q${n} { a${n}: __typename }\n# ${'x'.repeat(pad)}\n`;

  it('estimates a document by its text and tokens', () => {
    const text = '{ a: __typename b: __typename }';
    // <SOF> { a : __typename b : __typename } <EOF>
    expect(documentBytes(parse(text), text)).toBe(text.length + 10 * BYTES_PER_TOKEN);
  });

  it('stays within its budget under many unique documents, and does not keep one above 1/32 of it', () => {
    const budget = 256 * KB;
    const { documentCache } = documentCaches({ documentBytes: budget });
    for (let i = 0; i < 500; i++) {
      const text = doc(i, 2_000 + (i % 5) * 1_000);
      documentCache.set(text, parse(text));
      expect(documentCache.size().bytes).toBeLessThanOrEqual(budget);
    }
    expect(documentCache.size().entries).toBeGreaterThan(10);
    const big = doc(10_000, 9 * KB);
    documentCache.set(big, parse(big));
    expect(documentCache.get(big)).toBeUndefined();
    const last = doc(495, 2_000);
    expect(documentCache.get(last)?.kind).toBe('Document');
  });

  it('bounds the parse-error cache by a quarter of the budget', () => {
    const { errorCache } = documentCaches({ documentBytes: 128 * KB });
    for (let i = 0; i < 500; i++) {
      errorCache.set(`{ broken ${i} ${'y'.repeat(800)}`, new Error('Syntax Error'));
      expect(errorCache.size().bytes).toBeLessThanOrEqual(32 * KB);
    }
    expect(errorCache.size().maxBytes).toBe(32 * KB);
  });
});

describe('the response cache', () => {
  it('keeps answers as JSON within its budget and gives back an equal answer', async () => {
    const cache = boundedResponseCache(64 * KB);
    for (let i = 0; i < 300; i++) {
      const result = { data: { entity: { id: `partner/${i}`, nameZh: '中国联通'.repeat(20 + (i % 50)) } } };
      await cache.set(`key${i}`, result, [], 60_000);
      expect(cache.size().bytes).toBeLessThanOrEqual(64 * KB);
    }
    expect(await cache.get('key299')).toEqual({ data: { entity: { id: 'partner/299', nameZh: '中国联通'.repeat(20 + 49) } } });
    expect(await cache.get('key0')).toBeNull();
  });

  it('does not keep an answer above 1/16 of the budget', async () => {
    const cache = boundedResponseCache(64 * KB);
    await cache.set('huge', { data: { text: 'z'.repeat(5 * KB) } }, [], 60_000);
    expect(await cache.get('huge')).toBeNull();
    expect(cache.size().entries).toBe(0);
  });

  it('lets an answer expire after its ttl', async () => {
    const cache = boundedResponseCache(64 * KB);
    await cache.set('soon', { data: { a: 1 } }, [], 20);
    expect(await cache.get('soon')).toEqual({ data: { a: 1 } });
    await new Promise((r) => setTimeout(r, 60));
    expect(await cache.get('soon')).toBeNull();
    expect(cache.size().bytes).toBe(0);
  });
});

describe('the folded-name cache (nameKey)', () => {
  afterEach(() => setNameCacheBudget(4 * 1024 * 1024));

  it('stays within NAME_CACHE_MB under many unique names, and folds the same either way', () => {
    setNameCacheBudget(16 * KB);
    for (let i = 0; i < 2_000; i++) {
      expect(nameKey(`中國聯通 ${i}`)).toBe(`中国联通${i}`);
      expect(nameCacheSize().bytes).toBeLessThanOrEqual(16 * KB);
    }
    expect(nameCacheSize().entries).toBeGreaterThan(10);
  });

  it('never caches a text longer than a name', () => {
    setNameCacheBudget(16 * KB);
    const before = nameCacheSize().entries;
    expect(nameKey('聯'.repeat(MAX_CACHED_NAME_CHARS + 1))).toBe('联'.repeat(MAX_CACHED_NAME_CHARS + 1));
    expect(nameCacheSize().entries).toBe(before);
  });
});

describe('versionTracker (src/http/cache.ts): the response cache never waits long for the graph version', () => {
  afterEach(() => vi.useRealTimers());

  it('answers VERSION_UNKNOWN after waitMs while a read hangs (a frozen Neo4j), then the version once it answers', async () => {
    vi.useFakeTimers();
    let answer: (rows: { version: string; seededAt: null }[]) => void = () => {};
    const db = { query: () => new Promise((resolve) => (answer = resolve)) } as unknown as Db;
    let changes = 0;
    const version = versionTracker({ db, ready: true }, { checkMs: 5_000, waitMs: 1_000 }, () => changes++);
    const first = Promise.resolve(version());
    await vi.advanceTimersByTimeAsync(999);
    let settled = false;
    void first.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await first).toBe(VERSION_UNKNOWN);
    // The read goes on; when it answers, the next request gets the version at once (no second read).
    answer([{ version: 'v1', seededAt: null }]);
    await vi.advanceTimersByTimeAsync(0);
    expect(await version()).toBe('v1');
    expect(changes).toBe(1);
  });
});
