import type { AddressInfo } from 'node:net';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadQueries } from '../src/db/cypher.js';
import { Db } from '../src/db/read.js';
import { createHttpServer } from '../src/process.js';
import { createApp } from '../src/yoga.js';
import { testApp, testDriver, testNeo4j } from './helpers.js';

/** Records the text of every statement the driver runs. */
function recordTexts(driver: Driver): string[] {
  const texts: string[] = [];
  const session = driver.session.bind(driver);
  driver.session = ((config) => {
    const s = session(config);
    const run = s.run.bind(s);
    s.run = ((text: string, ...rest: unknown[]) => {
      texts.push(text);
      return (run as (...a: unknown[]) => ReturnType<typeof s.run>)(text, ...rest);
    }) as typeof s.run;
    return s;
  }) as typeof driver.session;
  return texts;
}

describe('canonical statements over the real Neo4j (issue 22 item 8)', () => {
  const { gql, driver, close } = testApp();
  const texts = recordTexts(driver);
  afterAll(close);

  it('two documents differing only in alias names, field order, fragments and duplicates run one text and both answer', async () => {
    const plain = await gql<any>(/* GraphQL */ `{ entity(id: "partner/meituan") {
      id nameZh degree
      relations(first: 2, relationTypes: [PARTNERS_WITH]) { totalCount edges { type node { id } } }
      ... on Partner { sector programs { id } } } }`);
    const plainTexts = texts.splice(0);
    const shuffled = await gql<any>(/* GraphQL */ `query Shuffled { m: entity(id: "partner/meituan") {
      ...P
      d1: degree
      rel: relations(relationTypes: [PARTNERS_WITH], first: 2) { edges { node { id } type } totalCount }
      d2: degree
      name: nameZh } }
      fragment P on Partner { p: programs { id } id sector }`);
    const shuffledTexts = texts.splice(0);
    expect(plain.errors).toBeUndefined();
    expect(shuffled.errors).toBeUndefined();
    expect(shuffledTexts).toEqual(plainTexts);
    expect(plainTexts).toHaveLength(1);

    const e = plain.data.entity;
    expect(e).toMatchObject({ id: 'partner/meituan', nameZh: '美團', degree: 6, sector: 'internet' });
    expect(e.relations.edges.every((x: any) => x.type === 'PARTNERS_WITH')).toBe(true);
    const m = shuffled.data.m;
    expect(m).toEqual({
      p: e.programs,
      id: e.id,
      sector: e.sector,
      d1: e.degree,
      rel: { edges: e.relations.edges, totalCount: e.relations.totalCount },
      d2: e.degree,
      name: e.nameZh,
    });
  });
});

describe('calls from this process (app.fetch) have no budget of new shapes', () => {
  const { gql, close } = testApp();
  afterAll(close);

  it('25 different shapes in a row all answer (the default budget is 20 a minute per address)', async () => {
    const fields = ['nameEn', 'description', 'derivation', 'rule', 'aliases'];
    for (let i = 1; i <= 25; i++) {
      const chosen = fields.filter((_, k) => (i >> k) & 1);
      const r = await gql<any>(`{ entity(id: "partner/meituan") { id ${chosen.join(' ')} } }`);
      expect(r.errors).toBeUndefined();
    }
  });
});

describe('new statement texts per client address (TOO_MANY_NEW_SHAPES, over HTTP)', () => {
  const driver = testDriver();
  let base = '';
  let close = async () => {};
  beforeAll(async () => {
    const db = new Db(driver, loadQueries(), { database: testNeo4j().database, timeoutMs: 30_000 });
    const app = createApp(
      { db, ready: true, ping: async () => void (await db.read('meta/ping')) },
      { graphiql: false, newShapesPerMinute: 3 },
    );
    const server = createHttpServer(app, { requestTimeoutMs: 60_000, headersTimeoutMs: 10_000, maxConnectionsPerClient: 64 });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise<void>((r) => server.close(() => r()));
  });
  afterAll(async () => {
    await close();
    await driver.close();
  });

  const post = async (query: string) => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as any };
  };
  const shape = (fields: string) => `{ entity(id: "partner/meituan") { ${fields} } }`;

  it('three new shapes pass, the fourth is refused whole with 429 and Retry-After; known shapes in any order still pass', async () => {
    for (const fields of ['id nameZh', 'id nameEn', 'id degree']) expect((await post(shape(fields))).status).toBe(200);
    const refused = await post(shape('id nameZh themes { id }'));
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors).toHaveLength(1);
    expect(refused.body.errors[0].extensions).toMatchObject({ code: 'TOO_MANY_NEW_SHAPES', limit: 3 });
    expect(refused.body.errors[0].message).toMatch(/Reuse the queries you have sent/);
    // The shapes already run, under other aliases and in another order, cost nothing new.
    const known = await post('{ a: entity(id: "partner/meituan") { deg: degree id } b: entity(id: "partner/huawei") { nameZh id } }');
    expect(known.status).toBe(200);
    expect(known.body.data.a).toEqual({ deg: 6, id: 'partner/meituan' });
    expect(known.body.data.b).toEqual({ nameZh: '華為', id: 'partner/huawei' });
    const health = (await (await fetch(`${base}/health`)).json()) as any;
    expect(health.newShapes).toMatchObject({ perMinute: 3, admitted: 3, refused: 1 });
  });
});
