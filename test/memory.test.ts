import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { setNameCacheBudget } from '../src/search/names.js';
import { createApp } from '../src/yoga.js';
import { testApp } from './helpers.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const KB = 1024;
// Documents: 16 MB, so that one of ~90 KB (estimated ~360 KB) is under the 1/32 of it an entry may take.
const BUDGETS = { documentBytes: 16 * KB * KB, nameBytes: 64 * KB };
const RESPONSE_BYTES = 1 * KB * KB;

const t = testApp();
afterAll(async () => {
  setNameCacheBudget(4 * KB * KB);
  await t.close();
});

/**
 * Document `n`, ~90 KB: a real lookup by id, one by a name no entity has (through the folded-name cache),
 * 20 aliases, and comment lines (not tokens, so MAX_TOKENS holds) that make its text unique.
 */
function uniqueDocument(n: number): string {
  const fields = Array.from({ length: 20 }, (_, i) => `  t${n}_${i}: __typename`).join('\n');
  const head = `query Memory${n} {\n  e${n}: entity(id: "partner/meituan") { id nameZh }\n  m${n}: entity(name: "美團 ${n}") { id }\n${fields}\n`;
  const lines: string[] = [];
  for (let i = 0, size = head.length; size < 90_000; i++) {
    const line = `# padding ${i} of document ${n}: ${'x'.repeat(80)}\n`;
    lines.push(line);
    size += line.length;
  }
  return `${head}${lines.join('')}}\n`;
}

interface Size {
  entries: number;
  bytes: number;
  maxBytes: number;
}

const heapAfterGc = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

describe('memory bounded by bytes (DOCUMENT_CACHE_MB, RESPONSE_CACHE_MB, NAME_CACHE_MB)', () => {
  it('after 200 unique 90 KB documents over HTTP the caches stay within their budgets, and so does the heap', async () => {
    const app = createApp(t.state, { responseCache: { ttlSeconds: 60, maxBytes: RESPONSE_BYTES }, caches: BUDGETS });
    const post = async (query: string) => {
      const res = await app.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      return { status: res.status, body: (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] } };
    };
    // Warm up (schema, loaders, driver pool) before the heap is read.
    for (let n = 0; n < 5; n++) expect((await post(uniqueDocument(10_000 + n))).body.errors).toBeUndefined();
    const before = heapAfterGc();

    const total = 200;
    let next = 0;
    const client = async () => {
      while (next < total) {
        const n = next++;
        const r = await post(uniqueDocument(n));
        expect(r.status).toBe(200);
        expect(r.body.errors).toBeUndefined();
        expect(r.body.data?.[`e${n}`]).toEqual({ id: 'partner/meituan', nameZh: '美團' });
      }
    };
    await Promise.all([client(), client(), client(), client()]);
    const grown = heapAfterGc() - before;

    const health = (await (await app.fetch('http://yoga/health')).json()) as { caches?: Record<string, Size> };
    const caches = health.caches ?? {};
    console.log(`heap grown by ${(grown / KB / KB).toFixed(1)} MB after ${total} unique 90 KB documents; caches ${JSON.stringify(caches)}`);
    expect(Object.keys(caches).sort()).toEqual(['documents', 'names', 'parseErrors', 'responses']);
    expect(caches.documents?.maxBytes).toBe(BUDGETS.documentBytes);
    expect(caches.responses?.maxBytes).toBe(RESPONSE_BYTES);
    expect(caches.names?.maxBytes).toBe(BUDGETS.nameBytes);
    for (const [name, size] of Object.entries(caches)) expect(size.bytes, name).toBeLessThanOrEqual(size.maxBytes);
    // The caches are in use, not bypassed: the budget is full of the latest documents and answers.
    expect(caches.documents?.entries).toBeGreaterThan(3);
    expect(caches.responses?.entries).toBeGreaterThan(100);
    expect(caches.names?.entries).toBeGreaterThan(100);

    // The parsed documents alone are ~200 KB each on the heap (40 MB for 200): yoga's default cache kept
    // them all. Bounded, the heap grows by about the budgets (3.1 MB) plus the caches' own bookkeeping.
    expect(grown).toBeLessThan(BUDGETS.documentBytes + RESPONSE_BYTES + BUDGETS.nameBytes + 4 * KB * KB);
  });
});
