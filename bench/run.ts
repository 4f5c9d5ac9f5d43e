import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { seed } from '../seed/run.js';
import { waitForNeo4j } from '../src/db/connect.js';
import { createDriver } from '../src/db/driver.js';
import { freePort, javaMajorVersion, startLocalNeo4j } from '../src/neo4j-local/index.js';
import type { LoadJob, LoadResult } from './load.js';
import { OPERATIONS, type Operation, requestFor, TARGETS, type Target } from './ops.js';
import { ensureScale, type SeedStats } from './synthetic.js';

const HELP = `Usage: npm run bench -- [options]

Benchmarks this server against a @neo4j/graphql 7 peer and a raw-driver floor, over ONE Neo4j:
starts a local Neo4j in a temporary folder (or uses --uri), seeds the report, and for each scale starts
three servers, each in its own process: ours (src/server.ts, as users run it), the peer (bench/peer.ts)
and the floor (bench/floor.ts). It checks that all three return the same data for every operation
(servers that disagree are not timed; the diff is printed), then loads each with autocannon from a
separate process (bench/load.ts): every operation alone and the round-robin mix, with our response
cache off and on. Results go to bench/results/<date>.json and .md.

Options:
  --scale 1,10,100      graph sizes: k = the report plus k − 1 synthetic copies of its partners,
                        programs, branches, regions and awards (default 1)
  --seconds N           load per operation and server (default 10)
  --connections N       concurrent connections (default 10)
  --servers LIST        which of ours,peer,floor to time (default all three)
  --ops LIST            which operations (default all: ${OPERATIONS.map((o) => o.name).join(', ')})
  --cache LIST          our response cache: off, on or off,on (default off,on)
  --uri bolt://...      use this Neo4j instead of starting one (it is RESET and reseeded: a throw-away one)
  --no-seed             with --uri: keep the graph already there (seeded by an earlier run)
  --check-only          check that the servers agree, time nothing
  --help                this text`;

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DATABASE = 'neo4j';

interface Options {
  scales: number[];
  seconds: number;
  connections: number;
  servers: Target[];
  ops: Operation[];
  cache: ('off' | 'on')[];
  uri?: string;
  checkOnly: boolean;
  seed: boolean;
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: '1' },
      seconds: { type: 'string', default: '10' },
      connections: { type: 'string', default: '10' },
      servers: { type: 'string', default: TARGETS.join(',') },
      ops: { type: 'string', default: OPERATIONS.map((o) => o.name).join(',') },
      cache: { type: 'string', default: 'off,on' },
      uri: { type: 'string' },
      'check-only': { type: 'boolean', default: false },
      'no-seed': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const list = (s: string) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  const scales = list(values.scale).map(Number);
  if (scales.some((s) => !Number.isInteger(s) || s < 1)) fail(`--scale takes whole numbers ≥ 1, e.g. 1,10,100; got ${values.scale}`);
  const servers = list(values.servers) as Target[];
  for (const s of servers) if (!TARGETS.includes(s)) fail(`--servers: unknown server ${s}; use ${TARGETS.join(', ')}`);
  const ops = list(values.ops).map((name) => OPERATIONS.find((o) => o.name === name) ?? fail(`--ops: unknown operation ${name}`));
  const cache = list(values.cache) as ('off' | 'on')[];
  for (const c of cache) if (c !== 'off' && c !== 'on') fail(`--cache takes off, on or off,on; got ${values.cache}`);
  const seconds = Number(values.seconds);
  const connections = Number(values.connections);
  if (!(seconds > 0) || !(connections > 0)) fail('--seconds and --connections must be positive numbers');
  return {
    scales,
    seconds,
    connections,
    servers,
    ops,
    cache,
    uri: values.uri,
    checkOnly: values['check-only'],
    seed: !(values['no-seed'] && values.uri),
  };
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const log = (msg: string) => console.log(`[bench] ${msg}`);

// ---------------------------------------------------------------- servers, each in its own process

interface Server {
  target: Target;
  label: string;
  url: string;
  child: ChildProcess;
  /** What the process printed, for when it fails. */
  output: string[];
  stop(): Promise<void>;
}

const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of children) c.kill('SIGTERM');
});

function tsx(script: string, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

async function waitFor(url: string, child: ChildProcess, what: string, output: string[]): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited (${child.exitCode}):\n${output.join('').slice(-3000)}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not become ready within 120 s:\n${output.join('').slice(-3000)}`);
}

async function startServer(target: Target, uri: string, cache: 'off' | 'on'): Promise<Server> {
  const port = await freePort();
  const output: string[] = [];
  const env = { NEO4J_URI: uri, PORT: String(port) };
  // Ours as users run it (npm start), with the graph already seeded and logs kept quiet.
  const child =
    target === 'ours'
      ? tsx('src/server.ts', { ...env, HOST: '127.0.0.1', SEED_ON_START: 'never', LOG_LEVEL: 'warn', RESPONSE_CACHE: cache })
      : tsx(target === 'peer' ? 'bench/peer.ts' : 'bench/floor.ts', env);
  child.stdout?.setEncoding('utf8').on('data', (c: string) => output.push(c));
  child.stderr?.setEncoding('utf8').on('data', (c: string) => output.push(c));
  if (target === 'ours') await waitFor(`http://127.0.0.1:${port}/ready`, child, 'our server', output);
  else
    await new Promise<void>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
      lines.on('line', (l) => l.startsWith('READY') && resolve());
      child.on('exit', (code) => reject(new Error(`${target} exited (${code}):\n${output.join('').slice(-3000)}`)));
    });
  const label = target === 'ours' ? `ours (cache ${cache})` : target;
  return {
    target,
    label,
    url: `http://127.0.0.1:${port}`,
    child,
    output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

// ---------------------------------------------------------------- agreement check

async function send(server: Server, op: Operation, trace = false): Promise<any> {
  const req = requestFor(op, server.target, trace);
  const res = await fetch(server.url + req.path, { method: req.method, headers: req.headers, body: req.body });
  const body = (await res.json()) as any;
  if (!res.ok || body.errors) throw new Error(`${server.label} ${op.name}: HTTP ${res.status} ${JSON.stringify(body).slice(0, 500)}`);
  return body;
}

/** The value with every object's keys in order, so that key order never counts as a difference. */
function stable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stable);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, stable((value as Record<string, unknown>)[k])]),
    );
  return value;
}

/** Paths where two JSON values differ, at most `max`. */
function diff(a: unknown, b: unknown, path = '$', out: string[] = [], max = 12): string[] {
  if (out.length >= max) return out;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`);
    return out;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const as = new Set(a.map((x) => JSON.stringify(x)));
    const bs = new Set(b.map((x) => JSON.stringify(x)));
    for (const x of as) if (!bs.has(x) && out.length < max) out.push(`${path}: only in reference: ${x.slice(0, 200)}`);
    for (const x of bs) if (!as.has(x) && out.length < max) out.push(`${path}: only here: ${x.slice(0, 200)}`);
    return out;
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) diff((a as any)[k], (b as any)[k], `${path}.${k}`, out, max);
  return out;
}

/**
 * Asks every server every operation and compares the canonical answers with the floor's (or, without
 * a floor, the first server's). Returns, per operation, the servers that agree.
 */
async function checkAgreement(servers: Server[], ops: readonly Operation[]): Promise<Map<string, Set<Server>>> {
  const agree = new Map<string, Set<Server>>();
  for (const op of ops) {
    const answers = new Map<Server, unknown>();
    for (const s of servers) {
      try {
        answers.set(s, stable(op.canonical[s.target](await send(s, op))));
      } catch (err) {
        log(`✗ ${op.name} on ${s.label}: ${(err as Error).message}`);
        if (s.child.exitCode !== null) log(`${s.label} exited (${s.child.exitCode}); it printed:\n${s.output.join('').slice(-2000)}`);
      }
    }
    const reference = servers.find((s) => s.target === 'floor' && answers.has(s)) ?? servers.find((s) => answers.has(s));
    const ok = new Set<Server>();
    if (reference) {
      const want = answers.get(reference);
      for (const [s, got] of answers) {
        const d = diff(want, got);
        if (d.length === 0) ok.add(s);
        else log(`✗ ${op.name}: ${s.label} disagrees with ${reference.label}; not timed:\n    ${d.join('\n    ')}`);
      }
    }
    const size = JSON.stringify(reference ? answers.get(reference) : null).length;
    log(`${ok.size === servers.length ? '✓' : '!'} ${op.name}: ${[...ok].map((s) => s.label).join(', ')} agree (${size} bytes canonical)`);
    agree.set(op.name, ok);
  }
  return agree;
}

// ---------------------------------------------------------------- load

function load(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const c = spawn(process.execPath, ['--import', 'tsx', 'bench/load.ts', JSON.stringify(job)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.add(c);
    let out = '';
    c.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
    });
    c.on('exit', (code) => {
      children.delete(c);
      if (code !== 0) return reject(new Error(`load generator exited ${code}`));
      resolve(JSON.parse(out.trim().split('\n').pop() ?? '{}') as LoadResult);
    });
  });
}

interface OpResult extends LoadResult {
  op: string;
  server: string;
  scale: number;
  dbRoundTrips?: number;
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const o = options();
  const started = new Date();
  const machine = {
    nproc: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    java: javaVersion(),
    neo4j: '5.26 Community (embedded, src/neo4j-local)',
  };
  log(`machine: ${JSON.stringify(machine)}`);

  let uri = o.uri;
  let stopNeo4j = async () => {};
  if (!uri) {
    const dataDir = mkdtempSync(join(tmpdir(), 'unicom-kg-bench-'));
    const local = await startLocalNeo4j({ dataDir, heap: '2g', pagecacheMb: 1024, log });
    uri = local.uri;
    stopNeo4j = async () => {
      await local.stop();
      rmSync(dataDir, { recursive: true, force: true });
    };
  }
  const driver = createDriver({ uri, user: 'neo4j', password: process.env.NEO4J_PASSWORD ?? '', connectionTimeoutMs: 5_000 });
  const results: OpResult[] = [];
  const seeding: ({ scale: number } & SeedStats)[] = [];
  const agreement: Record<string, Record<string, string[]>> = {};
  try {
    await waitForNeo4j(driver, 120_000);
    if (o.seed) {
      const t0 = performance.now();
      const { counts } = await seed(driver, { database: DATABASE, reset: true });
      const seconds = (performance.now() - t0) / 1000;
      const nodes = Object.values(counts.kinds).reduce((a, b) => a + b, 0) + Object.values(counts.nodes).reduce((a, b) => a + b, 0);
      const relations = Object.values(counts.relations).reduce((a, b) => a + b, 0);
      log(`seeded the report: ${nodes} nodes, ${relations} relations in ${seconds.toFixed(1)} s`);
      seeding.push({
        scale: 0,
        clustersAdded: 0,
        clustersRemoved: 0,
        nodes,
        relations,
        seconds: Math.round(seconds * 100) / 100,
        nodesPerSecond: Math.round(nodes / seconds),
        relationsPerSecond: Math.round(relations / seconds),
      });
    }

    for (const scale of o.scales) {
      const stats = await ensureScale(driver, DATABASE, scale, { log });
      seeding.push({ scale, ...stats });
      const total = await driver.executeQuery(
        'MATCH (n:Entity) WITH count(n) AS n CALL () { MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS r } RETURN n, r',
        {},
        { database: DATABASE },
      );
      const rec = total.records[0];
      if (stats.clustersRemoved > 0) log(`scale ${scale}: removed ${stats.clustersRemoved} synthetic clusters`);
      log(
        `scale ${scale}: +${stats.nodes} nodes (${stats.nodesPerSecond}/s), +${stats.relations} relations (${stats.relationsPerSecond}/s); ` +
          `graph now ${rec?.get('n')} entities, ${rec?.get('r')} relations`,
      );

      for (const cache of o.servers.includes('ours') ? o.cache : ['off' as const]) {
        const servers: Server[] = [];
        try {
          // The peer and floor do not depend on our cache: run them once per scale, with the cache-off pass.
          for (const t of o.servers) if (t === 'ours' || cache === o.cache[0]) servers.push(await startServer(t, uri, cache));
          // The check needs the floor as reference even when only ours is timed on this pass.
          const reference = servers.some((s) => s.target === 'floor') ? [] : [await startServer('floor', uri, cache)];
          const agree = await checkAgreement([...reference, ...servers], o.ops);
          agreement[`scale ${scale}, cache ${cache}`] = Object.fromEntries([...agree].map(([op, ok]) => [op, [...ok].map((s) => s.label)]));
          for (const r of reference) await r.stop();
          if (o.checkOnly) continue;

          for (const server of servers) {
            const timed = o.ops.filter((op) => agree.get(op.name)?.has(server));
            const trips = new Map<string, number>();
            if (server.target === 'ours')
              for (const op of timed) trips.set(op.name, (await send(server, op, true)).extensions?.trace?.dbRoundTrips ?? Number.NaN);
            const jobs: [string, Operation[]][] = [...timed.map((op) => [op.name, [op]] as [string, Operation[]])];
            if (timed.length === o.ops.length && timed.length > 1) jobs.push(['mix', timed]);
            for (const [name, ops] of jobs) {
              const requests = ops.map((op) => requestFor(op, server.target));
              const job = { url: server.url, requests, connections: o.connections };
              await load({ ...job, seconds: Math.min(2, o.seconds) }); // warm-up: JIT, plan cache, pools
              const r = await load({ ...job, seconds: o.seconds });
              const total = ops.reduce((a, op) => a + (trips.get(op.name) ?? 0), 0);
              const result: OpResult = { op: name, server: server.label, scale, ...r };
              if (server.target === 'ours') result.dbRoundTrips = name === 'mix' ? total / ops.length : (trips.get(name) ?? Number.NaN);
              results.push(result);
              log(
                `scale ${scale} ${server.label.padEnd(15)} ${name.padEnd(16)} ${String(r.rps).padStart(6)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  errors ${r.errors}`,
              );
            }
          }
        } finally {
          for (const s of servers) await s.stop();
        }
      }
    }
  } finally {
    await driver.close();
    await stopNeo4j();
  }

  if (o.checkOnly) return;
  const stamp = started.toISOString().replace(/[:]/g, '-').replace(/\..*/, '');
  const dir = join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const command = `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim();
  const report = {
    date: started.toISOString(),
    command,
    machine,
    options: { ...o, ops: o.ops.map((op) => op.name) },
    seeding,
    agreement,
    results,
  };
  writeFileSync(join(dir, `${stamp}.json`), `${JSON.stringify(report, null, 2)}\n`);
  const md = markdown(report);
  writeFileSync(join(dir, `${stamp}.md`), md);
  console.log(`\n${md}`);
  log(`wrote bench/results/${stamp}.json and .md`);
}

function javaVersion(): string {
  const r = spawnSync('java', ['-version'], { encoding: 'utf8' });
  return `${r.stderr ?? ''}${r.stdout ?? ''}`.split('\n')[0]?.trim() || `Java ${javaMajorVersion() ?? 'none'}`;
}

// ---------------------------------------------------------------- report

const ratio = (a?: number, b?: number) => (a && b ? `${(a / b).toFixed(2)}×` : '–');

function markdown(report: {
  command: string;
  machine: Record<string, unknown>;
  options: { seconds: number; connections: number };
  seeding: ({ scale: number } & SeedStats)[];
  results: OpResult[];
}): string {
  const { results } = report;
  const lines: string[] = [];
  const m = report.machine;
  lines.push(
    `Machine: ${m.nproc} cores (${m.cpu}), ${m.memoryGiB} GiB, Node ${m.node}, ${m.java}, Neo4j ${m.neo4j}; ` +
      `${report.options.connections} connections, ${report.options.seconds} s per operation. Command: \`${report.command}\``,
  );
  const scales = [...new Set(results.map((r) => r.scale))];
  const ops = [...new Set(results.map((r) => r.op))];
  const get = (scale: number, op: string, server: string) => results.find((r) => r.scale === scale && r.op === op && r.server === server);
  for (const scale of scales) {
    lines.push('', `Scale ${scale}: requests/s, p50 / p99 in ms, errors; round-trips = our database round-trips per request.`, '');
    lines.push(
      '| operation | ours, cache off | ours, cache on | peer (@neo4j/graphql) | floor (driver) | round-trips | ours/peer | ours/floor |',
    );
    lines.push('|---|---|---|---|---|---|---|---|');
    for (const op of ops) {
      const cell = (r?: OpResult) => (r ? `${r.rps} · ${r.p50} / ${r.p99}${r.errors ? ` · ${r.errors} err` : ''}` : '–');
      const off = get(scale, op, 'ours (cache off)');
      const on = get(scale, op, 'ours (cache on)');
      const peer = get(scale, op, 'peer');
      const floor = get(scale, op, 'floor');
      const trips = off?.dbRoundTrips ?? on?.dbRoundTrips;
      lines.push(
        `| ${op} | ${cell(off)} | ${cell(on)} | ${cell(peer)} | ${cell(floor)} | ${trips === undefined ? '–' : Number(trips.toFixed(2))} | ${ratio(off?.rps, peer?.rps)} | ${ratio(off?.rps, floor?.rps)} |`,
      );
    }
  }
  if (scales.length > 1) {
    lines.push('', 'How cost grows: p50 / p99 in ms of ours (cache off) per scale, and the seed throughput of each step.', '');
    lines.push(`| operation | ${scales.map((s) => `scale ${s}`).join(' | ')} | p50 ${scales.at(-1)} / ${scales[0]} |`);
    lines.push(`|---|${scales.map(() => '---').join('|')}|---|`);
    for (const op of ops) {
      const rs = scales.map((s) => get(s, op, 'ours (cache off)'));
      lines.push(`| ${op} | ${rs.map((r) => (r ? `${r.p50} / ${r.p99}` : '–')).join(' | ')} | ${ratio(rs.at(-1)?.p50, rs[0]?.p50)} |`);
    }
    lines.push('', '| step | nodes | relations | s | nodes/s | relations/s |', '|---|---|---|---|---|---|');
    for (const s of report.seeding)
      lines.push(
        `| ${s.scale === 0 ? 'the report (seed/run.ts, one transaction)' : `to scale ${s.scale} (synthetic)`} | ${s.nodes} | ${s.relations} | ${s.seconds} | ${s.nodesPerSecond} | ${s.relationsPerSecond} |`,
      );
  }
  return `${lines.join('\n')}\n`;
}

main().catch((err: Error) => {
  console.error(err.stack ?? err.message);
  process.exit(1);
});
