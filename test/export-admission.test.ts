import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadQueries } from '../src/db/cypher.js';
import { Db } from '../src/db/read.js';
import { readGraphVersion, UNSEEDED } from '../src/graph-version.js';
import { EXPORTS } from '../src/http/exports/files.js';
import { parseFilters } from '../src/http/exports/params.js';
import { createHttpServer } from '../src/process.js';
import { type AppOptions, createApp } from '../src/yoga.js';
import { xmlbuilder2Graphml } from './graphml-reference.js';
import { testDriver, testNeo4j } from './helpers.js';

const driver = testDriver();
afterAll(() => driver.close());

/** The app behind a real HTTP server on loopback, so that requests carry a client address. */
async function serve(options: AppOptions = {}, db = new Db(driver, loadQueries(), { database: testNeo4j().database, timeoutMs: 30_000 })) {
  const app = createApp({ db, ready: true, ping: async () => void (await db.read('meta/ping')) }, { graphiql: false, ...options });
  const server = createHttpServer(app, { requestTimeoutMs: 60_000, headersTimeoutMs: 10_000, maxConnectionsPerClient: 64 });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, db, close: () => new Promise<void>((r) => server.close(() => r())) };
}

type Served = Awaited<ReturnType<typeof serve>>;

describe('GET /export/* under admission', () => {
  let s: Served;
  beforeAll(async () => {
    s = await serve();
  });
  afterAll(() => s.close());

  it('three concurrent exports from one address: the third is 429 TOO_MANY_EXPORTS with Retry-After; a slot frees when a download ends', async () => {
    // Two downloads whose bodies are not read yet: the server streams lazily, so both stay under way.
    const first = await fetch(`${s.base}/export/graph.graphml`);
    const second = await fetch(`${s.base}/export/entities.csv`);
    expect([first.status, second.status]).toEqual([200, 200]);
    const third = await fetch(`${s.base}/export/graph.json`);
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBe('5');
    const body = (await third.json()) as { error: { code: string; message: string; limit: number } };
    expect(body.error.code).toBe('TOO_MANY_EXPORTS');
    expect(body.error.limit).toBe(2);
    expect(body.error.message).toMatch(/at most 2 run at once per address\. Wait for one to finish, then retry/);
    expect(JSON.stringify(body)).not.toMatch(/\bat \/|node_modules|MATCH|\.ts:/);
    // Reading one to its end gives its slot back: the next export is served.
    expect((await first.text()).endsWith('</graphml>\n')).toBe(true);
    const fourth = await fetch(`${s.base}/export/metrics.csv`);
    expect(fourth.status).toBe(200);
    await Promise.all([second.arrayBuffer(), fourth.arrayBuffer()]);
  });

  it('a client that leaves mid-download gives its slot back', async () => {
    const a = new AbortController();
    const held = await fetch(`${s.base}/export/graph.graphml`, { signal: a.signal });
    const other = await fetch(`${s.base}/export/graph.graphml`);
    expect([held.status, other.status]).toEqual([200, 200]);
    a.abort();
    await other.arrayBuffer();
    // The server sees the closed connection on its next turn; give it a few.
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const again = await fetch(`${s.base}/export/relations.csv`);
      status = again.status;
      const next = await fetch(`${s.base}/export/relations.csv`);
      await Promise.all([again.arrayBuffer(), next.arrayBuffer()]);
      if (next.status !== 200) status = next.status;
    }
    expect(status).toBe(200);
  });

  it.each(
    [...EXPORTS.keys()].flatMap((name) => [
      name,
      ...(EXPORTS.get(name)?.params.includes('kinds') ? [`${name}?kinds=PARTNER,PROGRAM`] : []),
    ]),
  )('%s: the admitted, chunked body is byte for byte what the export writes', async (path) => {
    const url = new URL(`${s.base}/export/${path}`);
    const name = url.pathname.replace('/export/', '');
    const file = EXPORTS.get(name);
    if (!file) throw new Error(`no export ${name}`);
    const version = (await readGraphVersion(s.db))?.version ?? UNSEEDED;
    const direct = new Uint8Array(await new Response(await file.body(s.db, parseFilters(url, file), version)).arrayBuffer());
    const res = await fetch(url);
    expect(res.status).toBe(200);
    const served = new Uint8Array(await res.arrayBuffer());
    expect(served.length).toBeGreaterThan(100);
    expect(Buffer.from(served).equals(Buffer.from(direct))).toBe(true);
  });
});

describe('GET /export/graph.graphml is what xmlbuilder2 wrote', () => {
  let s: Served;
  beforeAll(async () => {
    s = await serve();
  });
  afterAll(() => s.close());

  it.each(['', '?kinds=PARTNER,PROGRAM,COMPANY&types=PARTICIPATES_IN,RUNS', '?kinds=THEME&types=PARTNERS_WITH'])(
    "graph.graphml%s: byte for byte the old writer's output",
    async (query) => {
      const url = new URL(`${s.base}/export/graph.graphml${query}`);
      const file = EXPORTS.get('graph.graphml');
      if (!file) throw new Error('no graph.graphml');
      const version = (await readGraphVersion(s.db))?.version ?? UNSEEDED;
      const reference = Buffer.from(await xmlbuilder2Graphml(s.db, parseFilters(url, file), version), 'utf8');
      const res = await fetch(url);
      expect(res.status).toBe(200);
      const served = Buffer.from(await res.arrayBuffer());
      expect(served.length).toBeGreaterThan(1_000);
      expect(served.equals(reference)).toBe(true);
    },
  );
});

describe('exports share the heavy-request lane', () => {
  it('with the one heavy slot held by a slow path search, an export waits ADMISSION_WAIT_MS, then 503 SERVER_BUSY with Retry-After', async () => {
    const queries = new Map(loadQueries());
    // graph/paths made slow (seconds) so that the heavy request surely holds its slot past the 300 ms wait.
    queries.set(
      'graph/paths',
      'CALL { UNWIND range(1, 60000000) AS x RETURN count(x) AS n } WITH n WHERE n < 0 RETURN [] AS nodes, [] AS edges',
    );
    const db = new Db(driver, queries, { database: testNeo4j().database, timeoutMs: 30_000 });
    const s = await serve({ security: { maxHeavyRequests: 1, admissionWaitMs: 300 } }, db);
    try {
      // paths(maxLength: 6, first: 2) costs 400 × 6 + 2 × 1 = 2,402 ≥ HEAVY_REQUEST_COST (2,000): a heavy request.
      const heavy = fetch(`${s.base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ paths(from: "partner/meituan", to: "region/beijing", maxLength: 6, first: 2) { length } }' }),
      });
      // Its statement runs in the heavy statement lane only once the request holds its heavy-request slot.
      for (let i = 0; i < 200; i++) {
        const health = (await (await fetch(`${s.base}/health`)).json()) as { lanes: { heavy: { inUse: number } } };
        if (health.lanes.heavy.inUse > 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const started = performance.now();
      const res = await fetch(`${s.base}/export/entities.csv`);
      const waited = performance.now() - started;
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('SERVER_BUSY');
      expect(body.error.message).toMatch(/could not start within 300 ms\. Retry in a few seconds/);
      console.log(`export refused after ${Math.round(waited)} ms while the heavy slot was held`);
      expect((await heavy).status).toBe(200);
      // The slot is free again: the same export is served.
      const after = await fetch(`${s.base}/export/entities.csv`);
      expect(after.status).toBe(200);
      await after.arrayBuffer();
    } finally {
      await s.close();
    }
  });
});
