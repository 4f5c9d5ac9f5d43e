import { type ChildProcess, fork } from 'node:child_process';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { prng } from './prng.js';
import { toolNeo4j } from './tool-neo4j.js';

const HELP = `Usage: npm run soak -- [--minutes N] [--concurrency C] [--seed-local]

Soak test: starts the API server in a child process against a Neo4j (NEO4J_URI, read-only use; or, when
NEO4J_URI is unset, its own local Neo4j in a temporary folder, seeded), then drives a realistic mix of
operations (entity lookups, search in Chinese and English, neighbourhoods, paths, metrics) from C
concurrent clients over real HTTP on loopback for N minutes, and prints the error count, p50/p99 latency,
requests per second, and the server's RSS and heap at start and end.

  --minutes N       how long to drive load (default 1; fractions allowed)
  --concurrency C   concurrent clients (default 16)
  --help            this text`;

interface Mem {
  rss: number;
  heapUsed: number;
}

/** Child mode: serve the API on a free loopback port and answer memory requests over IPC. */
async function serve(): Promise<void> {
  const { loadQueries } = await import('../src/db/cypher.js');
  const { createDriver } = await import('../src/db/driver.js');
  const { waitForNeo4j } = await import('../src/db/connect.js');
  const { Db } = await import('../src/db/read.js');
  const { createApp } = await import('../src/yoga.js');
  const uri = process.env.SOAK_NEO4J_URI ?? '';
  const driver = createDriver({
    uri,
    user: process.env.NEO4J_USER || 'neo4j',
    password: process.env.NEO4J_PASSWORD || '',
    connectionTimeoutMs: 3_000,
  });
  await waitForNeo4j(driver, 60_000);
  const db = new Db(driver, loadQueries(), { database: process.env.NEO4J_DATABASE || 'neo4j', timeoutMs: 10_000 });
  const app = createApp({ db, ready: true, ping: async () => void (await db.read('meta/ping')) }, { graphiql: false });
  const http = createServer(app);
  http.keepAliveTimeout = 30_000;
  http.listen(0, '127.0.0.1', () => {
    const addr = http.address();
    process.send?.({ port: typeof addr === 'object' && addr ? addr.port : 0 });
  });
  process.on('message', (m: { mem?: boolean; gc?: boolean }) => {
    if (m.mem) {
      const u = process.memoryUsage();
      process.send?.({ mem: { rss: u.rss, heapUsed: u.heapUsed } });
    }
  });
  process.on('disconnect', () => {
    void driver.close().finally(() => process.exit(0));
  });
}

const OPS: { name: string; weight: number; make: (ids: string[], rnd: () => number) => { query: string; variables: object } }[] = [
  {
    name: 'entity',
    weight: 30,
    make: (ids, rnd) => ({
      query:
        'query($id: ID!) { entity(id: $id) { id kind nameZh nameEn aliases degree relations(first: 10) { edges { type node { id } } } } }',
      variables: { id: pick(ids, rnd) },
    }),
  },
  {
    name: 'search-zh',
    weight: 20,
    make: (_ids, rnd) => ({
      query: 'query($q: String!) { search(query: $q, first: 10) { score matched entity { id nameZh } } }',
      variables: { q: pick(['美團', '中国电信', '冬奧', '聯通', '5G', '扶貧', '華為', '北京', '大學'], rnd) },
    }),
  },
  {
    name: 'search-en',
    weight: 15,
    make: (_ids, rnd) => ({
      query: 'query($q: String!) { search(query: $q, first: 10) { score matched entity { id nameEn } } }',
      variables: { q: pick(['China Telecom', 'Meituan', 'Olympics', 'Huawei', 'poverty', 'university', 'Tencent'], rnd) },
    }),
  },
  {
    name: 'neighborhood',
    weight: 15,
    make: (ids, rnd) => ({
      query:
        'query($id: ID!, $d: Int) { neighborhood(id: $id, depth: $d, limit: 200) { truncated nodes { id kind } edges { source target type } } }',
      variables: { id: pick(ids, rnd), d: 1 + Math.floor(rnd() * 2) },
    }),
  },
  {
    name: 'paths',
    weight: 10,
    make: (ids, rnd) => ({
      query: 'query($a: ID!, $b: ID!) { paths(from: $a, to: $b, maxLength: 4, first: 3) { length nodes { id } } }',
      variables: { a: pick(ids, rnd), b: pick(ids, rnd) },
    }),
  },
  {
    name: 'metrics',
    weight: 10,
    make: () => ({
      query: '{ metrics(first: 20) { totalCount edges { node { id nameZh unit values { year value printed } } } } }',
      variables: {},
    }),
  },
];

function pick<T>(xs: readonly T[], rnd: () => number): T {
  return xs[Math.floor(rnd() * xs.length)] as T;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string', default: '1' },
      concurrency: { type: 'string', default: '16' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const minutes = Number(values.minutes);
  const concurrency = Number(values.concurrency);
  if (!(minutes > 0) || !Number.isInteger(concurrency) || concurrency < 1) {
    console.error('--minutes must be > 0 and --concurrency a positive integer.\n');
    console.error(HELP);
    process.exit(2);
  }

  const { uri, cleanup } = await toolNeo4j('soak');

  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ['--serve'], {
    env: { ...process.env, SOAK_NEO4J_URI: uri, LOG_LEVEL: 'silent' },
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((res, rej) => {
    child.once('message', (m: { port: number }) => res(m.port));
    child.once('exit', (code) => rej(new Error(`server exited (${code}) before listening`)));
  });
  const memory = () =>
    new Promise<Mem>((res) => {
      const on = (m: { mem?: Mem }) => {
        if (m.mem) {
          child.off('message', on);
          res(m.mem);
        }
      };
      child.on('message', on);
      child.send({ mem: true });
    });
  const url = `http://127.0.0.1:${port}/graphql`;
  const post = async (body: object) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, json: (await res.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] } };
  };

  const idsRes = await post({ query: '{ entities(first: 100, orderBy: DEGREE) { edges { node { id } } } }' });
  const ids: string[] = idsRes.json.data.entities.edges.map((e: { node: { id: string } }) => e.node.id);
  // Warm up (JIT, pools, Neo4j page cache) before measuring memory and latency.
  for (const op of OPS) await post(op.make(ids, prng(1)));
  const memStart = await memory();

  const latencies: number[] = [];
  const errors = new Map<string, number>();
  const perOp = new Map<string, number>();
  const totalWeight = OPS.reduce((s, o) => s + o.weight, 0);
  const deadline = Date.now() + minutes * 60_000;
  const started = performance.now();
  console.log(`driving ${concurrency} clients for ${minutes} min against ${url} (Neo4j ${uri}) ...`);

  const client = async (n: number) => {
    const rnd = prng(1000 + n);
    while (Date.now() < deadline) {
      let w = rnd() * totalWeight;
      let op = OPS[0] as (typeof OPS)[number];
      for (const o of OPS) {
        op = o;
        w -= o.weight;
        if (w < 0) break;
      }
      const t0 = performance.now();
      try {
        const r = await post(op.make(ids, rnd));
        const code = r.status !== 200 ? `HTTP_${r.status}` : r.json.errors?.[0]?.extensions?.code;
        // paths between one id and itself is a documented BAD_USER_INPUT, not a failure.
        if (code && !(op.name === 'paths' && code === 'BAD_USER_INPUT')) errors.set(code, (errors.get(code) ?? 0) + 1);
      } catch (err) {
        const code = (err as Error).name;
        errors.set(code, (errors.get(code) ?? 0) + 1);
      }
      latencies.push(performance.now() - t0);
      perOp.set(op.name, (perOp.get(op.name) ?? 0) + 1);
    }
  };
  const timer = setInterval(() => {
    const s = (performance.now() - started) / 1000;
    process.stdout.write(`  ${Math.round(s)} s: ${latencies.length} requests, ${(latencies.length / s).toFixed(0)}/s\n`);
  }, 60_000);
  await Promise.all(Array.from({ length: concurrency }, (_, i) => client(i)));
  clearInterval(timer);
  const seconds = (performance.now() - started) / 1000;
  const memEnd = await memory();

  latencies.sort((a, b) => a - b);
  const errorCount = [...errors.values()].reduce((s, n) => s + n, 0);
  console.log('\nsoak results');
  console.log(`  duration     ${seconds.toFixed(0)} s, concurrency ${concurrency}`);
  console.log(`  requests     ${latencies.length} (${[...perOp].map(([k, v]) => `${k} ${v}`).join(', ')})`);
  console.log(`  errors       ${errorCount}${errorCount ? ` (${[...errors].map(([k, v]) => `${k} ${v}`).join(', ')})` : ''}`);
  console.log(`  throughput   ${(latencies.length / seconds).toFixed(1)} requests/s`);
  console.log(
    `  latency      p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${(latencies.at(-1) ?? 0).toFixed(0)} ms`,
  );
  console.log(`  server RSS   ${mb(memStart.rss)} -> ${mb(memEnd.rss)}`);
  console.log(`  server heap  ${mb(memStart.heapUsed)} -> ${mb(memEnd.heapUsed)}`);

  child.disconnect();
  await new Promise((r) => child.once('exit', r));
  await cleanup();
  process.exit(errorCount > 0 ? 1 : 0);
}

if (process.argv.includes('--serve')) await serve();
else await main();
