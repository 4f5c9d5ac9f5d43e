import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { loadQueries, type QueryName } from '../src/db/cypher.js';
import { mapNeo4jError } from '../src/db/errors.js';
import { Db } from '../src/db/read.js';
import { type AppOptions, createApp } from '../src/yoga.js';
import { testDriver, testNeo4j } from './helpers.js';

const driver = testDriver();
afterAll(() => driver.close());

function app(options: AppOptions = {}, timeoutMs = 10_000) {
  const db = new Db(driver, loadQueries(), { database: testNeo4j().database, timeoutMs });
  return createApp({ db, ready: true, ping: async () => void (await db.read('meta/ping')) }, options);
}

interface Body {
  data?: any;
  errors?: { message: string; extensions?: { code?: string; limit?: number } }[];
}

async function post(a: ReturnType<typeof app>, query: string, variables: object = {}, headers: Record<string, string> = {}) {
  const res = await a.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Body };
}

const code = (b: Body) => b.errors?.[0]?.extensions?.code;
const nest = (levels: number) =>
  `{ entity(id: "partner/meituan") { ${'relations(first: 1) { edges { node { '.repeat(levels)}id${' } } }'.repeat(levels)} } }`;

describe('request limits', () => {
  const a = app();

  it('DEPTH_LIMIT: the default 12 levels', async () => {
    expect((await post(a, nest(2))).body.errors).toBeUndefined();
    const r = await post(a, nest(5));
    expect(code(r.body)).toBe('DEPTH_LIMIT');
    expect(r.body.errors?.[0]?.message).toMatch(/at most 12 are allowed \(MAX_DEPTH\)/);
    expect(r.body.data).toBeUndefined();
  });

  it('DEPTH_LIMIT and COMPLEXITY_LIMIT follow the options', async () => {
    expect(code((await post(app({ security: { maxDepth: 3 } }), nest(1))).body)).toBe('DEPTH_LIMIT');
    const r = await post(app({ security: { maxComplexity: 50 } }), '{ metrics(first: 5) { edges { node { id values { year } } } } }');
    expect(code(r.body)).toBe('COMPLEXITY_LIMIT');
    expect(r.body.errors?.[0]?.message).toMatch(/at most 50 is allowed \(MAX_COMPLEXITY\)/);
  });

  it('COMPLEXITY_LIMIT: nested lists over the default 50,000', async () => {
    const r = await post(
      a,
      '{ entities(first: 100) { edges { node { relations(first: 100) { edges { node { relations(first: 100) { edges { node { id } } } } } } } } } }',
    );
    expect(code(r.body)).toBe('COMPLEXITY_LIMIT');
  });

  it('ALIAS_LIMIT: 30 by default, configurable', async () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    expect((await post(a, aliases(30))).body.errors).toBeUndefined();
    const r = await post(a, aliases(31));
    expect(code(r.body)).toBe('ALIAS_LIMIT');
    expect(r.body.errors?.[0]?.extensions?.limit).toBe(30);
    expect(code((await post(app({ security: { maxAliases: 2 } }), aliases(3))).body)).toBe('ALIAS_LIMIT');
  });

  it('DIRECTIVE_LIMIT: 20 by default', async () => {
    const dirs = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i % 10}: __typename @include(if: true)`).join(' ')} }`;
    expect((await post(a, dirs(20))).body.errors).toBeUndefined();
    const r = await post(a, dirs(21));
    expect(r.body.errors?.map((e) => e.extensions?.code)).toContain('DIRECTIVE_LIMIT');
  });

  it('TOKEN_LIMIT: 2,000 by default, configurable', async () => {
    const r = await post(a, `{ ${'__typename '.repeat(2_100)}}`);
    expect(code(r.body)).toBe('TOKEN_LIMIT');
    expect(r.body.errors?.[0]?.message).toMatch(/more than 2000 tokens \(MAX_TOKENS\)/);
    expect(code((await post(app({ security: { maxTokens: 50 } }), `{ ${'__typename '.repeat(60)}}`)).body)).toBe('TOKEN_LIMIT');
  });

  it('BODY_TOO_LARGE: 413 by Content-Length, and for a chunked body without reading it all', async () => {
    const big = JSON.stringify({ query: `{ __typename } # ${'x'.repeat(200_000)}` });
    const r = await a.fetch('http://yoga/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
    expect(r.status).toBe(413);
    expect(((await r.json()) as Body).errors?.[0]?.extensions?.code).toBe('BODY_TOO_LARGE');

    let pulled = 0;
    const chunk = new TextEncoder().encode(`{"query":"{ __typename }","x":"${'y'.repeat(65_000)}`);
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled += chunk.byteLength;
        if (pulled > 10_000_000) c.close();
        else c.enqueue(chunk);
      },
    });
    const chunked = await a.fetch(
      new Request('http://yoga/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: stream,
        duplex: 'half',
      } as RequestInit),
    );
    expect(chunked.status).toBe(413);
    expect(((await chunked.json()) as Body).errors?.[0]?.extensions?.code).toBe('BODY_TOO_LARGE');
    expect(pulled).toBeLessThan(1_000_000);

    const small = app({ security: { maxBodyBytes: 1_000 } });
    const r2 = await small.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ __typename } # ${'x'.repeat(1_000)}` }),
    });
    expect(r2.status).toBe(413);
  });

  it('BATCHING_NOT_SUPPORTED: a JSON array body is refused with a clear message', async () => {
    const r = await a.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(r.status).toBe(400);
    const body = (await r.json()) as Body;
    expect(code(body)).toBe('BATCHING_NOT_SUPPORTED');
    expect(body.errors?.[0]?.message).toMatch(/one operation per request/);
  });

  it('BAD_USER_INPUT: page sizes, neighbourhood depth and limit, paths maxLength and first, search first', async () => {
    const cases: [string, string][] = [
      ['{ entities(first: 101) { edges { cursor } } }', 'first'],
      ['{ entities(first: -1) { edges { cursor } } }', 'first'],
      ['{ metrics(first: 101) { edges { cursor } } }', 'first'],
      ['{ neighborhood(id: "partner/meituan", depth: 4) { truncated } }', 'depth'],
      ['{ neighborhood(id: "partner/meituan", depth: 0) { truncated } }', 'depth'],
      ['{ neighborhood(id: "partner/meituan", limit: 1001) { truncated } }', 'limit'],
      ['{ paths(from: "partner/meituan", to: "region/beijing", maxLength: 7) { length } }', 'maxLength'],
      ['{ paths(from: "partner/meituan", to: "region/beijing", first: 21) { length } }', 'first'],
      ['{ search(query: "美團", first: 51) { score } }', 'first'],
      ['{ search(query: "美團", first: 0) { score } }', 'first'],
    ];
    for (const [query, argument] of cases) {
      const r = await post(a, query);
      expect(code(r.body), query).toBe('BAD_USER_INPUT');
      expect(r.body.errors?.[0]?.message, query).toContain(`\`${argument}\``);
    }
    for (const query of [
      '{ entities(first: 100) { edges { cursor } } }',
      '{ neighborhood(id: "partner/meituan", depth: 3, limit: 1000) { truncated } }',
      '{ paths(from: "partner/meituan", to: "region/beijing", maxLength: 6, first: 20) { length } }',
      '{ search(query: "美團", first: 50) { score } }',
    ])
      expect((await post(a, query)).body.errors, query).toBeUndefined();
  });
});

describe('Neo4j transactions', () => {
  it('QUERY_TIMEOUT: a query over the transaction timeout reaches the client as QUERY_TIMEOUT, fast', async () => {
    // The real Query.stats path with its statement swapped for one that runs for seconds: every legal
    // query of this small graph finishes too fast for Neo4j's timeout check to catch it reliably.
    const queries = new Map(loadQueries());
    queries.set('graph/stats', "UNWIND range(1, 2000000000) AS x WITH count(x) AS n RETURN 'kind' AS what, 'X' AS name, n AS count");
    const db = new Db(driver, queries, { database: testNeo4j().database, timeoutMs: 200 });
    const slow = createApp({ db, ready: true, ping: async () => void (await db.read('meta/ping')) });
    const started = Date.now();
    const r = await post(slow, '{ stats { entities } }');
    expect(r.body.errors?.map((e) => e.extensions?.code)).toContain('QUERY_TIMEOUT');
    expect(r.body.errors?.[0]?.message).toMatch(/Ask for less/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('mapNeo4jError maps a real timed-out transaction to QUERY_TIMEOUT', async () => {
    const err = await driver
      .executeQuery(
        'UNWIND range(1, 500000000) AS x RETURN sum(x) AS s',
        {},
        { database: testNeo4j().database, transactionConfig: { timeout: 100 } },
      )
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(err).not.toBeNull();
    expect((mapNeo4jError(err) as { extensions: { code: string } }).extensions.code).toBe('QUERY_TIMEOUT');
  });

  it('Db.read runs in READ access mode: a write statement fails and writes nothing', async () => {
    const queries = new Map(loadQueries());
    queries.set('meta/ping' as QueryName, 'CREATE (n:SecurityProbe {at: timestamp()}) RETURN 1 AS ok');
    const db = new Db(driver, queries, { database: testNeo4j().database, timeoutMs: 5_000 });
    await expect(db.read('meta/ping')).rejects.toMatchObject({ code: 'Neo.ClientError.Statement.AccessMode' });
    const { records } = await driver.executeQuery('MATCH (n:SecurityProbe) RETURN count(n) AS n', {}, { database: testNeo4j().database });
    expect(Number(records[0]?.get('n'))).toBe(0);
  });

  it('the schema has no mutation or subscription type', async () => {
    const r = await post(app(), 'mutation { __typename }');
    expect(r.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('CORS, introspection, masking, configuration', () => {
  it('introspection is on by default and INTROSPECTION=false turns it off with INTROSPECTION_DISABLED', async () => {
    const q = '{ __schema { queryType { name } } }';
    expect((await post(app(), q)).body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const off = await post(app({ security: { introspection: false } }), q);
    expect(code(off.body)).toBe('INTROSPECTION_DISABLED');
    expect(
      (await post(app({ security: { introspection: false } }), '{ __type(name: "Query") { name } }')).body.errors?.[0]?.extensions?.code,
    ).toBe('INTROSPECTION_DISABLED');
    // __typename stays allowed: clients need it.
    expect((await post(app({ security: { introspection: false } }), '{ __typename }')).body.data).toEqual({ __typename: 'Query' });
    expect(loadConfig({ INTROSPECTION: 'false' }).INTROSPECTION).toBe(false);
  });

  it("CORS: '*' lets any origin read; CORS_ORIGIN restricts it to a list", async () => {
    const preflight = (a: ReturnType<typeof app>, origin: string) =>
      a.fetch('http://yoga/graphql', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    // Yoga answers '*' by echoing the caller's origin, which any browser accepts.
    expect((await preflight(app(), 'https://example.org')).headers.get('access-control-allow-origin')).toMatch(
      /^(\*|https:\/\/example\.org)$/,
    );
    const only = app({ corsOrigin: 'https://a.example, https://b.example' });
    expect((await preflight(only, 'https://b.example')).headers.get('access-control-allow-origin')).toBe('https://b.example');
    expect((await preflight(only, 'https://evil.example')).headers.get('access-control-allow-origin')).not.toBe('https://evil.example');
    // Any origin may read, but never with the caller's credentials.
    expect((await preflight(app(), 'https://example.org')).headers.get('access-control-allow-credentials')).not.toBe('true');
  });

  it('unexpected errors are masked (no stack, no original error) even with NODE_ENV=development', async () => {
    const before = process.env.NODE_ENV;
    process.env.NODE_ENV = 'development';
    try {
      const queries = new Map(loadQueries());
      queries.set('translate/by-ids' as QueryName, 'RETURN 1/0 AS boom');
      const db = new Db(driver, queries, { database: testNeo4j().database, timeoutMs: 5_000 });
      const a = createApp({ db, ready: true });
      const r = await post(a, '{ entity(id: "partner/meituan") { id } }');
      expect(r.body.errors?.[0]).toMatchObject({ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      expect(JSON.stringify(r.body)).not.toMatch(/stack|originalError|neo4j|cypher|\/ by zero/i);
    } finally {
      process.env.NODE_ENV = before;
    }
  });

  it('every limit has an env var with a sane default', () => {
    const c = loadConfig({});
    expect([c.MAX_DEPTH, c.MAX_COMPLEXITY, c.MAX_ALIASES, c.MAX_TOKENS, c.MAX_DIRECTIVES, c.MAX_BODY_BYTES, c.QUERY_TIMEOUT_MS]).toEqual([
      12, 50_000, 30, 2_000, 20, 100_000, 10_000,
    ]);
    expect(loadConfig({ MAX_DIRECTIVES: '5', MAX_BODY_BYTES: '2000' })).toMatchObject({ MAX_DIRECTIVES: 5, MAX_BODY_BYTES: 2_000 });
    expect(() => loadConfig({ MAX_DEPTH: 'deep' })).toThrow(/MAX_DEPTH/);
  });
});
