import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadQueries } from '../src/db/cypher.js';
import { createDriver } from '../src/db/driver.js';
import { Db } from '../src/db/read.js';
import { freePort } from '../src/neo4j-local/index.js';
import { createHttpServer } from '../src/process.js';
import { createApp } from '../src/yoga.js';
import { toolNeo4j } from './tool-neo4j.js';

const HELP = `Usage: npx tsx tools/export-lag.ts [--downloads N] [--parallel P] [--file NAME]

How long an export holds the server's event loop: serves the API in this process on a free loopback port
(against NEO4J_URI, or a local Neo4j in a temporary folder, seeded), then downloads /export/NAME N times,
P at a time, with curl (a separate process, so the download's reading costs this process nothing), while
perf_hooks.monitorEventLoopDelay watches this process. Prints the loop delay p50 / p99 / max, the bytes and
the time of each download, and the load average. Target (issue 22): max delay under 100 ms.

  --downloads N   downloads in all (default 6)
  --parallel P    downloads at once (default 2)
  --file NAME     the export (default graph.graphml)
  --help          this text`;

const { values } = parseArgs({
  options: {
    downloads: { type: 'string', default: '6' },
    parallel: { type: 'string', default: '2' },
    file: { type: 'string', default: 'graph.graphml' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const downloads = Math.max(1, Number(values.downloads) || 6);
const parallel = Math.max(1, Number(values.parallel) || 2);

const neo4j = await toolNeo4j('export-lag');
const driver = createDriver({ uri: neo4j.uri, user: 'neo4j', password: process.env.NEO4J_PASSWORD || '', connectionTimeoutMs: 5_000 });
const db = new Db(driver, loadQueries(), { database: process.env.NEO4J_DATABASE || 'neo4j', timeoutMs: 10_000 });
const app = createApp({ db, ready: true, ping: async () => void (await db.read('meta/ping')) }, { logger: undefined });
const server = createHttpServer(app, { requestTimeoutMs: 30_000, headersTimeoutMs: 10_000, maxConnectionsPerClient: 64 });
const port = await freePort();
await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
const url = `http://127.0.0.1:${port}/export/${values.file}`;

/** One download with curl: bytes, seconds and HTTP status as curl measures them. */
function curl(): Promise<{ bytes: number; seconds: number; status: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn('curl', ['-s', '-o', '/dev/null', '-w', '%{size_download} %{time_total} %{http_code}', url]);
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.on('error', reject);
    child.on('close', () => {
      const [bytes, seconds, status] = out.trim().split(' ').map(Number);
      resolve({ bytes: bytes ?? 0, seconds: seconds ?? 0, status: status ?? 0 });
    });
  });
}

try {
  await curl(); // warm: Neo4j's plans and caches, this process's JIT
  const load = loadavg()[0]?.toFixed(1);
  const lag = monitorEventLoopDelay({ resolution: 5 });
  lag.enable();
  const results: Awaited<ReturnType<typeof curl>>[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < downloads) {
        next += 1;
        results.push(await curl());
      }
    }),
  );
  lag.disable();
  const ms = (ns: number) => Math.round(ns / 1e5) / 10;
  console.log(`${values.file}: ${downloads} downloads, ${parallel} at a time; load average ${load} → ${loadavg()[0]?.toFixed(1)}`);
  for (const r of results) console.log(`  HTTP ${r.status}, ${r.bytes} bytes in ${r.seconds.toFixed(2)} s`);
  console.log(`event-loop delay p50 ${ms(lag.percentile(50))} ms, p99 ${ms(lag.percentile(99))} ms, max ${ms(lag.max)} ms`);
} finally {
  server.close();
  await driver.close();
  await neo4j.cleanup();
}
process.exit(0);
