import { createServer } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { loadQueries } from '../src/db/cypher.js';
import { Db } from '../src/db/read.js';
import { DOCUMENTED_CODES } from '../src/errors.js';
import { createHttpServer, type HttpLimits } from '../src/process.js';
import { type AppOptions, createApp } from '../src/yoga.js';
import { testDriver, testNeo4j } from './helpers.js';

const driver = testDriver();
afterAll(() => driver.close());

function app(options: AppOptions = {}, db = new Db(driver, loadQueries(), { database: testNeo4j().database, timeoutMs: 10_000 })) {
  return createApp({ db, ready: true, ping: async () => void (await db.read('meta/ping')) }, { graphiql: false, ...options });
}

interface Body {
  data?: any;
  errors?: { message: string; path?: unknown[]; extensions?: { code?: string; limit?: number } }[];
}

async function post(a: ReturnType<typeof app>, query: string, variables: unknown = {}, init: RequestInit = {}) {
  const res = await a.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    // Raw JSON text passes through as it is (JSON.stringify itself overflows on 5,000 levels).
    body: `{"query": ${JSON.stringify(query)}, "variables": ${variables instanceof RawJson ? variables.text : JSON.stringify(variables)}}`,
    ...init,
  });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) as Body };
}

/** Variables given as JSON text. */
class RawJson {
  constructor(readonly text: string) {}
}

const codes = (b: Body) => b.errors?.map((e) => e.extensions?.code);

/** Nothing a response says may reveal the server's inside: a stack line, a file path or a statement. */
function expectNoLeak(text: string): void {
  expect(text).not.toMatch(/\bat \S+ \(|\/work\/|\/home\/|node_modules|\.ts:\d+|MATCH \(|RETURN |UNWIND /);
}

// Each case: the same query text, first with variables that must fail a variable-dependent check, then with
// variables that pass it. On one app, so that any cache keyed by the text alone would answer the second
// request with the first one's verdict.
describe('variable-dependent checks are per request (no cross-client poisoning)', () => {
  const cases: { check: string; query: string; bad: object; badCode: string; good: object }[] = [
    {
      check: 'variable coercion (Query.search)',
      query: 'query P($q: String!) { search(query: $q) { score } }',
      bad: { q: 1 },
      badCode: 'BAD_USER_INPUT',
      good: { q: '美團' },
    },
    {
      check: 'missing required variable (Query.entity)',
      query: 'query E($id: ID!) { entity(id: $id) { id } }',
      bad: {},
      badCode: 'BAD_USER_INPUT',
      good: { id: 'partner/meituan' },
    },
    {
      check: 'unknown enum value in a variable (Query.paths relationTypes)',
      query: 'query T($t: [RelationType!]) { paths(from: "partner/meituan", to: "company/china-unicom-hk", relationTypes: $t) { length } }',
      bad: { t: ['NOPE'] },
      badCode: 'BAD_USER_INPUT',
      good: { t: ['PARTNERS_WITH'] },
    },
    {
      check: 'complexity with `first: $n` (Query.entities)',
      query:
        'query C($n: Int) { entities(first: $n) { edges { node { relations(first: $n) { edges { node { relations(first: $n) { edges { node { id } } } } } } } } } }',
      bad: { n: 100 },
      badCode: 'COMPLEXITY_LIMIT',
      good: { n: 2 },
    },
    {
      check: 'cost of 22 neighbourhoods with `limit: $n` (Query.neighborhood)',
      query: `query N($n: Int) { ${Array.from({ length: 22 }, (_, i) => `a${i}: neighborhood(id: "partner/meituan", depth: 3, limit: $n) { nodes { id } edges { type } }`).join(' ')} }`,
      bad: { n: 1000 },
      badCode: 'COMPLEXITY_LIMIT',
      good: { n: 10 },
    },
  ];

  for (const c of cases)
    it(`${c.check}: the bad request first does not decide the good one`, async () => {
      const a = app();
      const bad = await post(a, c.query, c.bad);
      expect(codes(bad.body)).toContain(c.badCode);
      expect(bad.status).toBeGreaterThanOrEqual(400);
      const good = await post(a, c.query, c.good);
      expect(good.body.errors, JSON.stringify(good.body)).toBeUndefined();
      expect(good.status).toBe(200);
      // And back: the good answer is not cached for the bad variables either.
      expect(codes((await post(a, c.query, c.bad)).body)).toContain(c.badCode);
    });

  it('Query.search: the explorer’s own search query cannot be poisoned', async () => {
    const a = app();
    const q = 'query Search($q: String!, $first: Int) { search(query: $q, first: $first) { entity { id } } }';
    expect(codes((await post(a, q, { q: ['x'], first: 5 })).body)).toEqual(['BAD_USER_INPUT']);
    const ok = await post(a, q, { q: '美團', first: 5 });
    expect(ok.body.data.search[0].entity.id).toBe('partner/meituan');
  });

  it('a wrong variable answers BAD_USER_INPUT with HTTP 400, whether the text was valid before or not', async () => {
    const a = app();
    const q = 'query Y($f: Int) { entities(first: $f) { totalCount } }';
    const first = await post(a, q, { f: 'twenty' });
    expect([first.status, codes(first.body)]).toEqual([400, ['BAD_USER_INPUT']]);
    expect((await post(a, q, { f: 20 })).body.errors).toBeUndefined();
    const again = await post(a, q, { f: 'twenty' });
    expect([again.status, codes(again.body)]).toEqual([400, ['BAD_USER_INPUT']]);
  });
});

describe('bounded graph searches (Query.paths, Query.neighborhood)', () => {
  const a = app();

  it('Query.paths: an unknown relation type is refused before any database work', async () => {
    const viaEnum = await post(
      a,
      '{ paths(from: "company/china-unicom-hk", to: "company/china-unicom-operating", relationTypes: [NOPE]) { length } }',
    );
    expect(codes(viaEnum.body)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    const viaStrings = await post(
      a,
      '{ paths(from: "company/china-unicom-hk", to: "company/china-unicom-operating", types: ["NOPE"]) { length } }',
      {},
      { headers: { 'content-type': 'application/json', 'x-trace': '1' } },
    );
    expect(codes(viaStrings.body)).toEqual(['BAD_USER_INPUT']);
    expect(viaStrings.body.errors?.[0]?.message).toMatch(/Unknown relationship type "NOPE".*PARTNERS_WITH/);
  });

  it('Query.paths: a type filter no path satisfies between the two best-connected entities ends at once', async () => {
    // Before: the filter was applied after allShortestPaths, which then enumerated every path of ≤ 6 hops
    // and ran into the 10 s transaction timeout. Now the filter is inside the breadth-first search.
    const started = Date.now();
    const r = await post(
      a,
      '{ paths(from: "company/china-unicom-hk", to: "company/china-unicom-operating", maxLength: 6, first: 20, relationTypes: [AWARD_NONE_PLACEHOLDER]) { length } }'.replace(
        'AWARD_NONE_PLACEHOLDER',
        'ISSUED_BY',
      ),
    );
    expect(r.body).toEqual({ data: { paths: [] } });
    expect(Date.now() - started).toBeLessThan(9_000);
  });

  it('Query.paths: still finds the report’s links (美團 → 中國聯通 through PARTNERS_WITH)', async () => {
    const r = await post(
      a,
      '{ paths(from: "partner/meituan", to: "company/china-unicom-hk", relationTypes: [PARTNERS_WITH]) { length nodes { id } edges { type } } }',
    );
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.paths[0]).toMatchObject({
      length: 1,
      nodes: [{ id: 'partner/meituan' }, { id: 'company/china-unicom-hk' }],
      edges: [{ type: 'PARTNERS_WITH' }],
    });
  });

  it('aliases multiply the cost of path searches: 30 of them exceed MAX_COMPLEXITY', async () => {
    const aliases = Array.from(
      { length: 30 },
      (_, i) => `p${i}: paths(from: "company/china-unicom-hk", to: "company/china-unicom-operating", maxLength: 6, first: 20) { length }`,
    );
    const r = await post(a, `{ ${aliases.join(' ')} }`);
    expect(codes(r.body)).toEqual(['COMPLEXITY_LIMIT']);
    expect(r.body.errors?.[0]?.message).toMatch(/paths and neighbourhoods count the work they can do/);
  });
});

describe('per-request database budget', () => {
  it('REQUEST_BUDGET_EXCEEDED: more statements than MAX_REQUEST_STATEMENTS stops the request with one coded error', async () => {
    const a = app({ budget: { maxStatements: 3 } });
    const aliases = Array.from({ length: 6 }, (_, i) => `n${i}: neighborhood(id: "partner/meituan", depth: 2) { truncated }`);
    const r = await post(a, `{ ${aliases.join(' ')} }`);
    expect(r.status).toBe(429);
    expect(r.body.errors).toHaveLength(1);
    expect(r.body.errors?.[0]?.extensions).toMatchObject({ code: 'REQUEST_BUDGET_EXCEEDED', limit: 3 });
    expect(r.body.data).toBeUndefined();
    // Within the budget the same field works.
    expect((await post(a, '{ neighborhood(id: "partner/meituan") { truncated } }')).body.errors).toBeUndefined();
  });

  it('REQUEST_BUDGET_EXCEEDED: database time over MAX_REQUEST_DB_MS stops the rest of the request', async () => {
    const queries = new Map(loadQueries());
    // The real compiled lookup, made slow: it takes ~300 ms of database time. Then the partnerships (a field
    // resolved by a loader: a second statement) are refused, and the degrees of their other ends never asked.
    queries.set('translate/by-ids', `CALL { UNWIND range(1, 300000) AS x RETURN count(x) AS slow } ${queries.get('translate/by-ids')}`);
    const db = new Db(driver, queries, { database: testNeo4j().database, timeoutMs: 10_000 });
    const a = app({ budget: { maxDbMs: 1 } }, db);
    const r = await post(a, '{ a: entity(id: "partner/meituan") { id ... on Partner { partnerships { with { id degree } } } } }');
    expect(r.body.errors?.map((e) => e.extensions?.code)).toEqual(['REQUEST_BUDGET_EXCEEDED']);
  });

  it('QUERY_TIMEOUT: the request deadline cuts a request off wherever it is', async () => {
    const queries = new Map(loadQueries());
    queries.set('graph/stats', "UNWIND range(1, 2000000000) AS x WITH count(x) AS n RETURN 'kind' AS what, 'X' AS name, n AS count");
    const db = new Db(driver, queries, { database: testNeo4j().database, timeoutMs: 30_000 });
    const a = app({ budget: { deadlineMs: 500 } }, db);
    const started = Date.now();
    const r = await post(a, '{ stats { entities } }');
    expect(codes(r.body)).toEqual(['QUERY_TIMEOUT']);
    expect(r.body.errors?.[0]?.message).toMatch(/REQUEST_DEADLINE_MS/);
    expect(Date.now() - started).toBeLessThan(5_000);
    // The statement was cancelled on the server, not left running.
    await expect.poll(() => runningStatements('UNWIND range(1, 2000000000)'), { timeout: 10_000 }).toBe(0);
  });
});

/** Statements Neo4j is running now whose text contains `fragment` (SHOW TRANSACTIONS; Community has it). */
async function runningStatements(fragment: string): Promise<number> {
  const { records } = await driver.executeQuery(
    'SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery CONTAINS $fragment RETURN count(*) AS n',
    { fragment },
    { database: testNeo4j().database },
  );
  return Number(records[0]?.get('n'));
}

describe('cancellation: a client that leaves cancels its database work', () => {
  function slowApp(marker: number) {
    const queries = new Map(loadQueries());
    queries.set('graph/stats', `UNWIND range(1, ${marker}) AS x WITH count(x) AS n RETURN 'kind' AS what, 'X' AS name, n AS count`);
    return app({}, new Db(driver, queries, { database: testNeo4j().database, timeoutMs: 60_000 }));
  }
  const body = JSON.stringify({ query: '{ stats { entities } }' });

  it('in process: aborting the request closes its running statement on the server', async () => {
    const a = slowApp(2_000_000_001);
    const controller = new AbortController();
    const pending = Promise.resolve(
      a.fetch('http://yoga/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: controller.signal }),
    ).catch(() => null);
    await expect.poll(() => runningStatements('range(1, 2000000001)'), { timeout: 10_000 }).toBe(1);
    controller.abort();
    await pending;
    await expect.poll(() => runningStatements('range(1, 2000000001)'), { timeout: 10_000 }).toBe(0);
  });

  it('over real HTTP: closing the socket cancels the statement', async () => {
    const server = createServer(slowApp(2_000_000_002));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    try {
      const controller = new AbortController();
      const pending = fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: controller.signal,
      }).catch(() => null);
      await expect.poll(() => runningStatements('range(1, 2000000002)'), { timeout: 10_000 }).toBe(1);
      controller.abort();
      await pending;
      await expect.poll(() => runningStatements('range(1, 2000000002)'), { timeout: 10_000 }).toBe(0);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});

describe('admission control: heavy statements cannot take every slot', () => {
  it('SERVER_BUSY when the heavy lane stays full; cheap look-ups still answer meanwhile', async () => {
    const queries = new Map(loadQueries());
    // graph/paths is a heavy statement; made slow here (seconds) so that it surely holds its slot past the 200 ms wait.
    queries.set(
      'graph/paths',
      'CALL { UNWIND range(1, 50000000) AS x RETURN count(x) AS n } WITH n WHERE n < 0 RETURN [] AS nodes, [] AS edges',
    );
    const db = new Db(driver, queries, { database: testNeo4j().database, timeoutMs: 30_000, heavySlots: 1, admissionWaitMs: 200 });
    const a = app({}, db);
    const heavy = (i: number) => post(a, `{ paths(from: "partner/meituan", to: "region/beijing", first: ${i + 1}) { length } }`);
    const results = Promise.all([heavy(0), heavy(1), heavy(2)]);
    const cheap = await post(a, '{ entity(id: "partner/meituan") { nameZh } }');
    expect(cheap.body).toEqual({ data: { entity: { nameZh: '美團' } } });
    const all = await results;
    const busy = all.filter((r) => codes(r.body)?.includes('SERVER_BUSY'));
    expect(busy.length).toBeGreaterThanOrEqual(1);
    expect(busy[0]?.status).toBe(503);
    expect(busy[0]?.body.errors?.[0]?.message).toMatch(/Retry in a few seconds/);
  });
});

describe('no leaks on bad input', () => {
  const a = app();

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'])(
    'GET and HEAD /export/%s: 404 NOT_FOUND, JSON, no stack or path',
    async (name) => {
      const get = await a.fetch(`http://yoga/export/${name}`);
      const text = await get.text();
      expect(get.status).toBe(404);
      expect(JSON.parse(text).error.code).toBe('NOT_FOUND');
      expectNoLeak(text);
      const head = await a.fetch(`http://yoga/export/${name}`, { method: 'HEAD' });
      expect(head.status).toBe(404);
      expect(head.headers.get('content-type')).toBe('application/json; charset=utf-8');
    },
  );

  it('an error thrown inside a route answers a coded 500 with no stack (even with NODE_ENV=production)', async () => {
    const before = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      const broken = createApp(
        {
          ready: true,
          // A Db whose read throws a plain Error with a path in its message and stack.
          db: { read: () => Promise.reject(new Error('boom at /work/main/src/secret.ts:1')), load: () => ({}) } as unknown as Db,
        },
        { graphiql: false, logger: { debug() {}, info() {}, warn() {}, error() {} } },
      );
      const res = await broken.fetch('http://yoga/export/entities.csv');
      const text = await res.text();
      expect(res.status).toBe(500);
      expect(JSON.parse(text).error.code).toBe('INTERNAL_SERVER_ERROR');
      expectNoLeak(text);
      expect(text).not.toMatch(/boom|secret/);
    } finally {
      process.env.NODE_ENV = before;
    }
  });

  it('variables nested 5,000 levels deep: 400 BAD_USER_INPUT naming the documented limit', async () => {
    const deep = new RawJson(`{"v": ${'{"a": '.repeat(5_000)}1${'}'.repeat(5_000)}}`);
    const r = await post(a, 'query V($v: String) { __typename }', deep);
    expect(r.status).toBe(400);
    expect(codes(r.body)).toEqual(['BAD_USER_INPUT']);
    expect(r.body.errors?.[0]?.message).toMatch(/nested more than 16 levels deep \(MAX_VARIABLES_DEPTH\)/);
    expectNoLeak(r.text);
    const wide = await post(a, 'query V($v: [Int]) { __typename }', { v: Array.from({ length: 12_000 }, () => 1) });
    expect(codes(wide.body)).toEqual(['BAD_USER_INPUT']);
    expect(wide.body.errors?.[0]?.message).toMatch(/MAX_VARIABLES_VALUES/);
  });

  it('variables that are not an object: 400 BAD_USER_INPUT', async () => {
    const r = await post(a, '{ __typename }', [1, 2]);
    expect([r.status, codes(r.body)]).toEqual([400, ['BAD_USER_INPUT']]);
  });

  it('INTROSPECTION=false: no "Did you mean" suggestions reveal field, type or enum names', async () => {
    const closed = app({ security: { introspection: false } });
    const field = await post(closed, '{ entiy(id: "partner/meituan") { id } }');
    expect(codes(field.body)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(field.text).not.toMatch(/Did you mean|"entity"/);
    const enumValue = await post(closed, '{ paths(from: "a/b", to: "c/d", relationTypes: [PARTNER_WITH]) { length } }');
    expect(enumValue.text).not.toMatch(/Did you mean|PARTNERS_WITH/);
    const variable = await post(closed, 'query T($t: [RelationType!]) { paths(from: "a/b", to: "c/d", relationTypes: $t) { length } }', {
      t: ['PARTNER_WITH'],
    });
    expect(codes(variable.body)).toEqual(['BAD_USER_INPUT']);
    expect(variable.text).not.toMatch(/Did you mean|PARTNERS_WITH/);
    // With introspection on, the suggestions help.
    expect((await post(app(), '{ entiy(id: "x") { id } }')).text).toMatch(/Did you mean \\"entity\\"/);
  });

  it('PERSISTED_QUERY_NOT_FOUND is a documented code', async () => {
    const res = await a.fetch('http://yoga/graphql?id=noSuchQuery');
    const body = (await res.json()) as Body;
    expect(res.status).toBe(404);
    expect(codes(body)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expect(DOCUMENTED_CODES).toContain('PERSISTED_QUERY_NOT_FOUND');
  });
});

describe('slow and greedy HTTP clients (src/process.ts)', () => {
  async function listen(limits: HttpLimits) {
    const server = createHttpServer(app(), limits);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return { server, port: (server.address() as AddressInfo).port };
  }
  const closed = (socket: Socket) => new Promise<number>((r) => socket.once('close', () => r(Date.now())));

  it('a request whose body never finishes is cut off after HTTP_REQUEST_TIMEOUT_MS, not after 300 s', async () => {
    const { server, port } = await listen({ requestTimeoutMs: 1_500, headersTimeoutMs: 1_000, maxConnectionsPerClient: 64 });
    try {
      const socket = connect(port, '127.0.0.1');
      await new Promise((r) => socket.once('connect', r));
      const started = Date.now();
      socket.write('POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"query":');
      const answer = new Promise<string>((r) => socket.on('data', (d) => r(d.toString())));
      const at = await closed(socket);
      expect(at - started).toBeLessThan(10_000);
      expect(await Promise.race([answer, Promise.resolve('')])).toMatch(/^(HTTP\/1.1 408|)/);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it('one client address holds at most MAX_CONNECTIONS_PER_CLIENT connections', async () => {
    const { server, port } = await listen({ requestTimeoutMs: 30_000, headersTimeoutMs: 10_000, maxConnectionsPerClient: 3 });
    const sockets: Socket[] = [];
    try {
      for (let i = 0; i < 3; i++) {
        const s = connect(port, '127.0.0.1');
        await new Promise((r) => s.once('connect', r));
        sockets.push(s);
      }
      const fourth = connect(port, '127.0.0.1');
      sockets.push(fourth);
      await closed(fourth);
      // The three first ones still work.
      const first = sockets[0] as Socket;
      first.write('GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      const text = await new Promise<string>((r) => {
        let all = '';
        first.on('data', (d) => {
          all += d.toString();
        });
        first.on('close', () => r(all));
      });
      expect(text).toMatch(/^HTTP\/1.1 200/);
    } finally {
      for (const s of sockets) s.destroy();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
