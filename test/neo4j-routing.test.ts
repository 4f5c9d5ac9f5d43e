import { afterAll, describe, expect, it } from 'vitest';
import { loadQueries } from '../src/db/cypher.js';
import { createDriver } from '../src/db/driver.js';
import { Db } from '../src/db/read.js';
import { type AppState, createApp } from '../src/yoga.js';
import { testNeo4j } from './helpers.js';

// With a neo4j:// URI the driver asks the server for a routing table and sends reads to the readers it
// lists: how replicas of this stateless server spread reads over a cluster or Aura. A single instance
// answers with itself in every role, so the scheme works locally too, provided the address it advertises
// is reachable (LocalNeo4j advertises 127.0.0.1:<port>). A testcontainers Neo4j advertises its port
// inside the container, not the mapped one, so routing cannot reach it from here.
const n = testNeo4j();
const routed = n.uri.replace(/^bolt(\+s|\+ssc)?:\/\//, 'neo4j$1://');

describe.skipIf(n.source === 'testcontainers')('Neo4j routing (neo4j:// URI)', () => {
  const driver = createDriver({ uri: routed, user: n.user, password: n.password, connectionTimeoutMs: 5_000 });
  afterAll(() => driver.close());

  it('gets a routing table that names the instance itself for every role', async () => {
    const res = await driver.executeQuery('CALL dbms.routing.getRoutingTable({}, $db)', { db: n.database }, { database: n.database });
    const servers = res.records[0]?.get('servers') as { role: string; addresses: string[] }[];
    const address = new URL(n.uri.replace(/^bolt/, 'http')).host;
    expect(new Set(servers.map((s) => s.role))).toEqual(new Set(['WRITE', 'READ', 'ROUTE']));
    for (const s of servers) expect(s.addresses).toEqual([address]);
  });

  it('serves Query.entity through createApp with a Db on the routing driver', async () => {
    const db = new Db(driver, loadQueries(), { database: n.database, timeoutMs: 10_000 });
    const state: AppState = { db, ready: true, ping: async () => void (await db.read('meta/ping')) };
    const res = await createApp(state).fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-trace': '1' },
      body: JSON.stringify({ query: /* GraphQL */ `{ entity(id: "partner/meituan") { id nameZh nameEn } }` }),
    });
    const body = (await res.json()) as { data?: unknown; extensions?: { trace?: { dbRoundTrips: number } } };
    expect(body.data).toEqual({ entity: { id: 'partner/meituan', nameZh: '美團', nameEn: 'Meituan' } });
    expect(body.extensions?.trace?.dbRoundTrips).toBe(1);
  });
});
