import { inject } from 'vitest';
import { loadQueries } from '../src/db/cypher.js';
import { createDriver } from '../src/db/driver.js';
import { Db } from '../src/db/read.js';
import { type AppState, createApp } from '../src/yoga.js';

export interface GqlResult<T = Record<string, any>> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, any>;
}

/** True while a process with this pid exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The Neo4j of this test run (see global-setup.ts). */
export function testNeo4j() {
  return inject('neo4j');
}

/** A driver to the run's Neo4j; close it in afterAll. */
export function testDriver() {
  const n = testNeo4j();
  return createDriver({ uri: n.uri, user: n.user, password: n.password, connectionTimeoutMs: 5_000 });
}

/** An in-process app on the run's seeded Neo4j, as the server builds it. */
export function testApp() {
  const n = testNeo4j();
  const driver = testDriver();
  const db = new Db(driver, loadQueries(), { database: n.database, timeoutMs: 10_000 });
  const state: AppState = { db, ready: true, ping: async () => void (await db.read('meta/ping')) };
  const app = createApp(state);

  async function gql<T = Record<string, any>>(
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ): Promise<GqlResult<T>> {
    const res = await app.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as Omit<GqlResult<T>, 'status'>;
    return { status: res.status, ...body };
  }

  /** Runs a query that must succeed and returns its data. */
  async function data<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const r = await gql<T>(query, variables);
    if (r.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors)}`);
    return r.data as T;
  }

  return { app, state, driver, db, gql, data, close: () => driver.close() };
}
