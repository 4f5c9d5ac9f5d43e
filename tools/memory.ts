import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { toolNeo4j } from './tool-neo4j.js';

const HELP = `Usage: npx tsx tools/memory.ts [--seconds S] [--idle I] [--concurrency C] [--kb K]

Memory under unique large documents: starts the real server (src/server.ts, as \`npm start\` does, with its
default configuration: response cache on) against a Neo4j (NEO4J_URI, or when unset a local Neo4j in a
temporary folder, seeded), sends S seconds of unique ~K KB GraphQL documents from C clients (valid queries
padded with comment lines and aliases that carry a counter, so no cache answers twice), then idles I seconds.
The server's RSS is read from /proc/<pid>/status every second. Prints the peak RSS, the RSS at the end of
the load and after idling, the requests answered, and the caches' sizes from /health when it reports them.

  --seconds S       how long to send documents (default 60)
  --idle I          how long to idle afterwards (default 60)
  --concurrency C   concurrent clients (default 4)
  --kb K            size of each document in KB (default 90)
  --help            this text`;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** The resident set size of a process, from /proc (Linux). */
function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => res(port));
    });
  });
}

/**
 * Document `n`: a real lookup and 20 aliases under unique names, padded to `bytes` with comment lines
 * (comments are not tokens, so MAX_TOKENS and MAX_ALIASES are respected) that carry `n` as well.
 */
export function uniqueDocument(n: number, bytes: number): string {
  const fields = Array.from({ length: 20 }, (_, i) => `  t${n}_${i}: __typename`).join('\n');
  const head = `query Memory${n} {\n  e${n}: entity(id: "partner/meituan") { id nameZh nameEn }\n${fields}\n`;
  const pad = 'x'.repeat(80);
  const lines: string[] = [];
  let size = head.length + 2;
  for (let i = 0; size < bytes; i++) {
    const l = `# padding ${i} of document ${n}: ${pad}\n`;
    lines.push(l);
    size += l.length;
  }
  return `${head}${lines.join('')}}\n`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '60' },
      idle: { type: 'string', default: '60' },
      concurrency: { type: 'string', default: '4' },
      kb: { type: 'string', default: '90' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const seconds = Number(values.seconds);
  const idle = Number(values.idle);
  const concurrency = Number(values.concurrency);
  const bytes = Number(values.kb) * 1000;
  if (!(seconds > 0) || !(idle >= 0) || !Number.isInteger(concurrency) || concurrency < 1 || !(bytes > 0)) {
    console.error('--seconds must be > 0, --idle ≥ 0, --concurrency a positive integer, --kb > 0.\n');
    console.error(HELP);
    process.exit(2);
  }

  const { uri, cleanup } = await toolNeo4j('memory');
  const port = await freePort();
  const server: ChildProcess = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../src/server.ts', import.meta.url))], {
    env: { ...process.env, NEO4J_URI: uri, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const pid = server.pid ?? 0;
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let waited = 0; ; waited += 500) {
      if (server.exitCode !== null) throw new Error(`server exited (${server.exitCode}) before it was ready`);
      const ok = await fetch(`${base}/ready`)
        .then((r) => r.status === 200)
        .catch(() => false);
      if (ok) break;
      if (waited > 180_000) throw new Error('server not ready within 180 s');
      await new Promise((r) => setTimeout(r, 500));
    }
    const atStart = rssOf(pid);
    console.log(`server pid ${pid} on ${base} (Neo4j ${uri}); RSS at start ${mb(atStart)}`);
    console.log(`sending unique ${bytes / 1000} KB documents from ${concurrency} clients for ${seconds} s, then idling ${idle} s ...`);

    const samples: { t: number; rss: number }[] = [];
    const t0 = Date.now();
    const sampler = setInterval(() => samples.push({ t: (Date.now() - t0) / 1000, rss: rssOf(pid) }), 1_000);
    const codes = new Map<string, number>();
    let next = 0;
    let answered = 0;
    const deadline = t0 + seconds * 1000;
    const client = async () => {
      while (Date.now() < deadline) {
        const query = uniqueDocument(next++, bytes);
        const res = await fetch(`${base}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query }),
        });
        const body = (await res.json().catch(() => ({}))) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
        const code = res.status !== 200 ? `HTTP_${res.status}` : (body.errors?.[0]?.extensions?.code ?? 'ok');
        codes.set(code, (codes.get(code) ?? 0) + 1);
        answered++;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, client));
    const endOfLoad = rssOf(pid);
    const tLoad = (Date.now() - t0) / 1000;
    const health = (await fetch(`${base}/health`).then((r) => r.json())) as { caches?: unknown; memoryMb?: unknown };
    await new Promise((r) => setTimeout(r, idle * 1000));
    clearInterval(sampler);
    const afterIdle = rssOf(pid);
    const idleHealth = (await fetch(`${base}/health`).then((r) => r.json())) as { memoryMb?: unknown };
    const peak = Math.max(endOfLoad, afterIdle, ...samples.map((s) => s.rss));

    console.log(
      `\n${answered} documents answered in ${tLoad.toFixed(0)} s (${(answered / tLoad).toFixed(1)}/s): ${JSON.stringify(Object.fromEntries(codes))}`,
    );
    console.log(
      'RSS each 10 s:',
      samples
        .filter((_, i) => i % 10 === 9)
        .map((s) => `${s.t.toFixed(0)}s ${mb(s.rss)}`)
        .join(', '),
    );
    console.log(`caches at the end of the load (/health): ${JSON.stringify(health.caches ?? 'not reported')}`);
    console.log(
      `memory (MB) at the end of the load: ${JSON.stringify(health.memoryMb ?? 'not reported')}; after idling: ${JSON.stringify(idleHealth.memoryMb ?? 'not reported')}`,
    );
    console.log(`\npeak RSS          ${mb(peak)}`);
    console.log(`RSS end of load   ${mb(endOfLoad)}`);
    console.log(`RSS after ${idle} s idle ${mb(afterIdle)}`);
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    await cleanup();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
