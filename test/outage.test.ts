import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadQueries } from '../src/db/cypher.js';
import { createDriver } from '../src/db/driver.js';
import { Db } from '../src/db/read.js';
import { ERROR_CODES, type ErrorCode } from '../src/errors.js';
import { freePort, type LocalNeo4j, startLocalNeo4j } from '../src/neo4j-local/index.js';
import { Neo4jSupervisor } from '../src/neo4j-local/supervisor.js';
import { type App, type AppState, createApp } from '../src/yoga.js';

const QUERY = /* GraphQL */ `{ entity(id: "partner/meituan") { id } }`;
/** Two fields, each its own statement: both fail when the database does. */
const TWO_FIELDS = /* GraphQL */ `{ a: entity(id: "partner/meituan") { id } b: entities(first: 1) { totalCount } }`;
/** One field that needs no database next to one that does: partial data when the database is gone. */
const PARTIAL = /* GraphQL */ `{ __typename entity(id: "partner/meituan") { id } }`;
const MEDIA_TYPES = ['application/json', 'application/graphql-response+json'] as const;

interface Answer {
  status: number;
  ms: number;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };
}

/** POSTs `query` to the app, accepting `accept`; the status, the time it took and the body. */
async function post(app: App, query: string, accept: string = MEDIA_TYPES[0]): Promise<Answer> {
  const started = Date.now();
  const res = await app.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, body: (await res.json()) as Answer['body'], ms: Date.now() - started };
}

/** Every error of the answer carries `code`, and the HTTP status is that code's status in the registry. */
function expectFailedWith(answer: Answer, codes: ErrorCode[]): void {
  const code = answer.body.errors?.[0]?.extensions?.code as ErrorCode;
  expect(codes).toContain(code);
  expect(answer.body.errors?.every((e) => e.extensions?.code === code)).toBe(true);
  expect(answer.status).toBe(ERROR_CODES[code]);
}

async function until(fn: () => Promise<boolean>, ms: number): Promise<number> {
  const started = Date.now();
  while (!(await fn())) {
    if (Date.now() - started > ms) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return Date.now() - started;
}

describe('Neo4j outage', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'unicom-kg-outage-'));
  let neo4j: LocalNeo4j | undefined;
  const driverRef: { close?: () => Promise<void> } = {};
  afterAll(async () => {
    await driverRef.close?.();
    await neo4j?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 503 on /ready within 5 s, fails fast with DATABASE_UNAVAILABLE, and recovers by itself on the same port', async () => {
    const port = await freePort();
    neo4j = await startLocalNeo4j({ dataDir, port, heap: '256m', pagecacheMb: 32 });
    const driver = createDriver({ uri: neo4j.uri, user: 'neo4j', password: '', connectionTimeoutMs: 3_000 });
    driverRef.close = () => driver.close();
    const db = new Db(driver, loadQueries(), { database: 'neo4j', timeoutMs: 10_000 });
    const state: AppState = { db, ready: true, ping: async () => void (await db.read('meta/ping')) };
    const app = createApp(state);
    const ready = async () => (await app.fetch('http://yoga/ready')).status;
    const gql = async () => {
      const res = await app.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: QUERY }),
      });
      return (await res.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
    };

    // A JVM just started answers its first pings slowly on a loaded machine (the ping's cap is 2 s).
    await until(async () => (await ready()) === 200, 30_000);
    expect(await gql()).toEqual({ data: { entity: null } });

    await neo4j.stop();
    const toUnready = await until(async () => (await ready()) === 503, 5_000);
    expect(toUnready).toBeLessThan(5_000);

    const started = Date.now();
    const down = await gql();
    const tookMs = Date.now() - started;
    expect(down.errors?.[0]?.extensions?.code).toBe('DATABASE_UNAVAILABLE');
    expect(down.errors?.[0]?.message).toMatch(/unavailable/);
    expect(JSON.stringify(down)).not.toMatch(/neo4j|ECONNREFUSED|bolt/i);
    expect(tookMs).toBeLessThan(5_000);
    // Requests during the outage neither hang nor pile up.
    const burst = await Promise.all(Array.from({ length: 20 }, () => gql()));
    expect(burst.every((r) => r.errors?.[0]?.extensions?.code === 'DATABASE_UNAVAILABLE')).toBe(true);

    // Every field failed for the database: 503 in both media types; partial data stays 200.
    for (const accept of MEDIA_TYPES) {
      for (const query of [QUERY, TWO_FIELDS]) {
        const answer = await post(app, query, accept);
        expectFailedWith(answer, ['DATABASE_UNAVAILABLE']);
        expect(answer.status, `${accept} ${query}`).toBe(503);
      }
      const partial = await post(app, PARTIAL, accept);
      expect(partial.status, accept).toBe(200);
      expect(partial.body.data).toEqual({ __typename: 'Query', entity: null });
      expect(partial.body.errors?.[0]?.extensions?.code).toBe('DATABASE_UNAVAILABLE');
    }

    neo4j = await startLocalNeo4j({ dataDir, port, heap: '256m', pagecacheMb: 32 });
    await until(async () => (await ready()) === 200, 30_000);
    expect(await gql()).toEqual({ data: { entity: null } });
  }, 240_000);

  it('a frozen Neo4j (SIGSTOP): requests end with a coded error within QUERY_TIMEOUT_MS + 2 s, and service resumes on SIGCONT', async () => {
    const frozenDir = mkdtempSync(join(tmpdir(), 'unicom-kg-freeze-'));
    const local = await startLocalNeo4j({ dataDir: frozenDir, heap: '256m', pagecacheMb: 32 });
    const driver = createDriver({ uri: local.uri, user: 'neo4j', password: '', connectionTimeoutMs: 2_000 });
    const timeoutMs = 2_000;
    try {
      const db = new Db(driver, loadQueries(), { database: 'neo4j', timeoutMs });
      const app = createApp(
        { db, ready: true, ping: async () => void (await db.read('meta/ping')) },
        { budget: { deadlineMs: timeoutMs + 1_000 } },
      );
      const gql = async () => {
        const started = Date.now();
        const res = await app.fetch('http://yoga/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: QUERY }),
        });
        const body = (await res.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
        return { ms: Date.now() - started, body };
      };
      // Answering before the freeze (retried: a loaded machine can be slower than the short deadline here).
      await until(async () => JSON.stringify((await gql()).body) === JSON.stringify({ data: { entity: null } }), 60_000);

      process.kill(local.pid, 'SIGSTOP');
      try {
        const during = await Promise.all([gql(), gql(), gql()]);
        for (const r of during) {
          expect(['QUERY_TIMEOUT', 'DATABASE_UNAVAILABLE']).toContain(r.body.errors?.[0]?.extensions?.code);
          expect(r.ms).toBeLessThan(timeoutMs + 2_000);
        }
        console.log(
          `[outage.test] frozen Neo4j: coded errors after ${during.map((r) => r.ms).join(', ')} ms (QUERY_TIMEOUT_MS ${timeoutMs})`,
        );
        expect((await app.fetch('http://yoga/ready')).status).toBe(503);

        // With a request deadline well past the statements' own (QUERY_TIMEOUT_MS + 1 s), each field fails on
        // its own: the status still follows the one database reason, in both media types.
        const patient = createApp(
          { db, ready: true, ping: async () => void (await db.read('meta/ping')) },
          { budget: { deadlineMs: timeoutMs + 10_000 } },
        );
        const answers = await Promise.all(
          MEDIA_TYPES.flatMap((accept) => [post(patient, TWO_FIELDS, accept), post(patient, QUERY, accept)]),
        );
        for (const answer of answers) {
          expectFailedWith(answer, ['QUERY_TIMEOUT', 'DATABASE_UNAVAILABLE']);
          expect(answer.ms).toBeLessThan(timeoutMs + 10_000);
        }
        console.log(`[outage.test] frozen Neo4j, field by field: ${answers.map((a) => `${a.status} after ${a.ms} ms`).join(', ')}`);
        const partial = await post(patient, PARTIAL);
        expect(partial.status).toBe(200);
        expect(partial.body.data).toEqual({ __typename: 'Query', entity: null });
      } finally {
        process.kill(local.pid, 'SIGCONT');
      }
      const thawed = await until(async () => JSON.stringify((await gql()).body) === JSON.stringify({ data: { entity: null } }), 30_000);
      console.log(`[outage.test] thawed: answering again after ${thawed} ms`);
    } finally {
      await driver.close();
      await local.stop();
      rmSync(frozenDir, { recursive: true, force: true });
    }
  }, 240_000);
  it('after the supervisor restarted a killed Neo4j, a freeze ends every request within REQUEST_DEADLINE_MS + 1 s with one coded error, response cache on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'unicom-kg-restart-'));
    const supervisor = new Neo4jSupervisor({ dataDir: dir, heap: '256m', pagecacheMb: 32, initialBackoffMs: 100 });
    const { uri } = await supervisor.start();
    const driver = createDriver({ uri, user: 'neo4j', password: '', connectionTimeoutMs: 2_000 });
    const timeoutMs = 2_000;
    const deadlineMs = timeoutMs + 1_000;
    let frozen: number | undefined;
    try {
      const db = new Db(driver, loadQueries(), { database: 'neo4j', timeoutMs });
      // The version of the graph is read again on every request (versionCheckMs 1): each request meets a read
      // of the Meta node outside its own statements, the wait that used to add a whole statement timeout.
      const app = createApp(
        { db, ready: true, ping: async () => void (await db.read('meta/ping')), supervisor: () => supervisor.state() },
        { budget: { deadlineMs }, responseCache: { ttlSeconds: 60, versionCheckMs: 1 } },
      );
      let n = 0;
      // A different id each time: no answer can come from the cache.
      const ask = () => post(app, `{ entity(id: "partner/none-${n++}") { id } }`);
      const answering = async () => JSON.stringify((await ask()).body) === JSON.stringify({ data: { entity: null } });
      await until(answering, 60_000);

      process.kill(supervisor.pid as number, 'SIGKILL');
      await until(async () => supervisor.state().state === 'restarting', 10_000);
      await until(async () => supervisor.state().state === 'running', 180_000);
      expect(supervisor.state().restarts).toBe(1);
      // Healed: frozen at once, before any request met the new process (the pool still holds the dead connections).
      frozen = supervisor.pid as number;
      process.kill(frozen, 'SIGSTOP');
      const during = await Promise.all([0, 300, 600].map((delay) => new Promise((r) => setTimeout(r, delay)).then(ask)));
      console.log(
        `[outage.test] restarted, then frozen: ${during.map((a) => `${a.status} ${a.body.errors?.[0]?.extensions?.code} after ${a.ms} ms`).join(', ')} (REQUEST_DEADLINE_MS ${deadlineMs})`,
      );
      for (const answer of during) {
        expect(answer.body.errors).toHaveLength(1);
        expectFailedWith(answer, ['QUERY_TIMEOUT', 'DATABASE_UNAVAILABLE']);
        expect(answer.ms).toBeLessThan(deadlineMs + 1_000);
      }
      process.kill(frozen, 'SIGCONT');
      frozen = undefined;
      await until(answering, 60_000);
    } finally {
      if (frozen !== undefined) process.kill(frozen, 'SIGCONT');
      await driver.close();
      await supervisor.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 360_000);
});
