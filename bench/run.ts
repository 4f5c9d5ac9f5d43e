import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { seed } from '../seed/run.js';
import { waitForNeo4j } from '../src/db/connect.js';
import { createDriver } from '../src/db/driver.js';
import { freePort, javaMajorVersion, startLocalNeo4j } from '../src/neo4j-local/index.js';
import type { LoadJob, LoadResult } from './load.js';
import { type BenchRequest, OPERATIONS, type Operation, requestFor, TARGETS, type Target } from './ops.js';
import { graphFor } from './params.js';
import { ensureScale, type SeedStats } from './synthetic.js';

const HELP = `Usage: npm run bench -- [options]

Benchmarks this server against a @neo4j/graphql 7 peer and a raw-driver floor, over ONE Neo4j:
starts a local Neo4j in a temporary folder (or uses --uri), seeds the report, and for each scale starts
three servers, each in its own process: ours (src/server.ts, as users run it), the peer (bench/peer.ts)
and the floor (bench/floor.ts).

Parameters vary per request: at the start of each scale every operation builds a list of --items
distinct parameter items from the seeded graph (names, ids, pairs, search terms, filters; ordered by
id, then a fixed-seed shuffle, so every run asks the same), and each request takes the next item of
the list, the same sequence for the three servers: no cache at any layer answers a repeated request
(except our response cache, in the cache-on pass). Before timing, all three must return the same data
for the first --check-items items of every operation: a server that disagrees on an operation, or
answers it with errors, is not timed on it, and the runner prints which operation, which item, which
server and what differed. Then each server is loaded with autocannon from a separate process
(bench/load.ts): every operation alone and the mix (the operations' lists interleaved; an operation
that a server answered wrongly is left out of every server's mix, and the report says PARTIAL), with
our response cache off and on. Around every timed run it reads the CPU time of the Neo4j process from
/proc/<pid>/stat and reports Neo4j CPU ms per request (n/a with --uri: the process is not ours).

The report (bench/results/<date>.json and .md) shows per scale req/s, p50/p99, errors and Neo4j CPU
ms/request of each server, ours/peer and ours/floor, and whether the targets of issue #10 are met:
mix ours ≥ 1.5× peer (aim 2×) and ≥ 0.7× floor, every operation ≥ 1.0× peer, p99 ≤ 3× p50, and the
p50 of index-backed operations growing ≤ 2× from the first to the last scale.

Operations (${OPERATIONS.length}):
${OPERATIONS.map((o) => `  ${o.name.padEnd(16)} ${o.description}${o.newApi ? ' [API of issue #10]' : ''}`).join('\n')}

Options:
  --scale 1,10,100      graph sizes: k = the report plus k − 1 synthetic copies of its partners,
                        programs, branches, regions and awards (default 1)
  --seconds N           load per operation and server (default 10)
  --connections N       concurrent connections (default 10)
  --servers LIST        which of ours,peer,floor to time (default all three)
  --ops LIST            which operations, e.g. entityByName,searchZh (default all; names above)
  --items N             parameter items per operation (default 100; at least 50 wanted, fewer if the
                        graph has fewer: the runner says so)
  --check-items N       items per operation checked for agreement before timing (default 10)
  --cache LIST          our response cache: off, on or off,on (default off,on)
  --uri bolt://...      use this Neo4j instead of starting one (it is RESET and reseeded: a throw-away one)
  --no-seed             with --uri: keep the graph already there (seeded by an earlier run)
  --neo4j-pid PID       with --uri: the process id of that Neo4j, if it runs on this machine, to report
                        its CPU ms per request (without it: n/a)
  --check-only          check that the servers agree, time nothing
  --cpu-prof DIR        write a V8 CPU profile of our server (one .cpuprofile per server started) into
                        DIR, to open in Chrome DevTools or speedscope: where our Node time goes
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
  neo4jPid?: number;
  checkOnly: boolean;
  /** Folder for V8 CPU profiles of our server (--cpu-prof), or none. */
  cpuProf?: string;
  seed: boolean;
  items: number;
  checkItems: number;
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
      items: { type: 'string', default: '100' },
      'check-items': { type: 'string', default: '10' },
      uri: { type: 'string' },
      'neo4j-pid': { type: 'string' },
      'check-only': { type: 'boolean', default: false },
      'no-seed': { type: 'boolean', default: false },
      'cpu-prof': { type: 'string' },
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
  const ops = list(values.ops).map(
    (name) =>
      OPERATIONS.find((o) => o.name === name) ??
      fail(`--ops: unknown operation ${name}; the operations are ${OPERATIONS.map((x) => x.name).join(', ')}`),
  );
  const cache = list(values.cache) as ('off' | 'on')[];
  for (const c of cache) if (c !== 'off' && c !== 'on') fail(`--cache takes off, on or off,on; got ${values.cache}`);
  const seconds = Number(values.seconds);
  const connections = Number(values.connections);
  if (!(seconds > 0) || !(connections > 0)) fail('--seconds and --connections must be positive numbers');
  const items = Number(values.items);
  const checkItems = Number(values['check-items']);
  if (!Number.isInteger(items) || items < 1) fail(`--items takes a whole number ≥ 1 (50 or more for a fair run); got ${values.items}`);
  if (values['neo4j-pid'] && !(values.uri && Number.isInteger(Number(values['neo4j-pid']))))
    fail(`--neo4j-pid takes the process id of the Neo4j given by --uri; got ${values['neo4j-pid']}${values.uri ? '' : ' without --uri'}`);
  if (!Number.isInteger(checkItems) || checkItems < 1) fail(`--check-items takes a whole number ≥ 1; got ${values['check-items']}`);
  return {
    scales,
    seconds,
    connections,
    servers,
    ops,
    cache,
    uri: values.uri,
    neo4jPid: values['neo4j-pid'] && values.uri ? Number(values['neo4j-pid']) : undefined,
    checkOnly: values['check-only'],
    cpuProf: values['cpu-prof'] ? resolve(values['cpu-prof']) : undefined,
    seed: !(values['no-seed'] && values.uri),
    items,
    checkItems,
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

function tsx(script: string, env: Record<string, string>, nodeArgs: string[] = []): ChildProcess {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

async function waitFor(url: string, child: ChildProcess, what: string, output: string[]): Promise<void> {
  // Generous: on a loaded machine tsx needs a while to load the server, and Neo4j to answer its first queries.
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited (${child.exitCode}):\n${output.join('').slice(-3000)}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not become ready within 300 s:\n${output.join('').slice(-3000) || '(it printed nothing)'}`);
}

async function startServer(target: Target, uri: string, cache: 'off' | 'on', cpuProf?: string): Promise<Server> {
  const port = await freePort();
  const output: string[] = [];
  const env = { NEO4J_URI: uri, PORT: String(port) };
  // Ours as users run it (npm start), with the graph already seeded and logs kept quiet.
  const child =
    target === 'ours'
      ? tsx(
          'src/server.ts',
          { ...env, HOST: '127.0.0.1', SEED_ON_START: 'never', LOG_LEVEL: 'warn', RESPONSE_CACHE: cache },
          cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${cpuProf}`] : [],
        )
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

/** Items of each operation at this scale, in the order requests take them. */
type ItemLists = Map<string, unknown[]>;

async function send(server: Server, op: Operation, item: unknown, trace = false): Promise<any> {
  const req = requestFor(op, server.target, item, trace);
  const res = await fetch(server.url + req.path, { method: req.method, headers: req.headers, body: req.body });
  const text = await res.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`HTTP ${res.status}, not JSON: ${text.slice(0, 300)}`);
  }
  if (!res.ok || body.errors || body.error) {
    const errors = body.errors
      ? (body.errors as { message: string; extensions?: { code?: string } }[])
          .slice(0, 3)
          .map((e) => `${e.extensions?.code ? `[${e.extensions.code}] ` : ''}${e.message}`)
          .join(' | ')
      : JSON.stringify(body).slice(0, 500);
    throw new Error(`HTTP ${res.status}: ${errors}`);
  }
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
 * Asks every server the first `sample` items of every operation and compares the canonical answers
 * with the floor's (or, without a floor, the first server's). A server agrees on an operation when it
 * agrees on every sampled item. Returns, per operation, the servers that agree.
 */
async function checkAgreement(
  servers: Server[],
  ops: readonly Operation[],
  lists: ItemLists,
  sample: number,
): Promise<Map<string, Set<Server>>> {
  const agree = new Map<string, Set<Server>>();
  for (const op of ops) {
    const items = (lists.get(op.name) ?? []).slice(0, sample);
    const ok = new Set<Server>(servers);
    const hint = op.newApi ? ' (it uses the API of issue #10: a server without it cannot answer)' : '';
    let bytes = 0;
    for (const [i, item] of items.entries()) {
      const where = `${op.name} item ${i + 1}/${items.length} (${op.label(item)})`;
      const answers = new Map<Server, unknown>();
      for (const s of servers) {
        if (!ok.has(s)) continue;
        try {
          answers.set(s, stable(op.canonical[s.target](await send(s, op, item), item)));
        } catch (err) {
          ok.delete(s);
          log(`✗ ${where} on ${s.label}: ${(err as Error).message}${hint}; ${op.name} not timed on ${s.label}`);
          if (s.child.exitCode !== null) log(`${s.label} exited (${s.child.exitCode}); it printed:\n${s.output.join('').slice(-2000)}`);
        }
      }
      const reference = servers.find((s) => s.target === 'floor' && answers.has(s)) ?? servers.find((s) => answers.has(s));
      if (!reference) break;
      const want = answers.get(reference);
      bytes += JSON.stringify(want).length;
      for (const [s, got] of answers) {
        const d = diff(want, got);
        if (d.length === 0) continue;
        ok.delete(s);
        log(
          `✗ ${where}: ${s.label} disagrees with ${reference.label}; ${op.name} not timed on ${s.label}. ` +
            `Paths in the canonical answer (${reference.label} ≠ ${s.label}):\n    ${d.join('\n    ')}`,
        );
      }
    }
    if (items.length === 0) {
      ok.clear();
      log(`✗ ${op.name}: no parameter items at this scale; not timed`);
    }
    log(
      `${ok.size === servers.length ? '✓' : '!'} ${op.name}: ${[...ok].map((s) => s.label).join(', ') || 'no server'} agree on ${items.length} items ` +
        `(${Math.round(bytes / Math.max(1, items.length))} bytes canonical per item)`,
    );
    agree.set(op.name, ok);
  }
  return agree;
}

// ---------------------------------------------------------------- load

let jobDir: string | undefined;
function load(job: LoadJob): Promise<LoadResult> {
  // The job goes through a file: a list of bodies is too long for a command line.
  jobDir ??= mkdtempSync(join(tmpdir(), 'unicom-kg-bench-jobs-'));
  const file = join(jobDir, 'job.json');
  writeFileSync(file, JSON.stringify(job));
  return new Promise((resolve, reject) => {
    const c = spawn(process.execPath, ['--import', 'tsx', 'bench/load.ts', file], {
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
  /** Distinct parameter items the run cycled through. */
  items: number;
  /** CPU time (user + system) the Neo4j process spent per completed request; null when not measurable (--uri). */
  neo4jCpuMs: number | null;
  dbRoundTrips?: number;
  /** For the mix: the operations in it (all asked for, unless a server answered one wrongly). */
  mixOps?: string[];
}

// ---------------------------------------------------------------- Neo4j CPU time, from /proc

const CLOCK_TICKS = (() => {
  const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const n = Number(r.stdout?.trim());
  return Number.isInteger(n) && n > 0 ? n : 100;
})();

/** utime + stime of process `pid` in ms (all its threads), or null when /proc cannot tell. */
function cpuMs(pid: number | undefined): number | null {
  if (!pid || pid < 0) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at field 3 (state); utime is 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / CLOCK_TICKS : null;
  } catch {
    return null;
  }
}

/** The requests of a run: one operation's items in order, or for the mix the operations' lists interleaved. */
function requestList(ops: readonly Operation[], lists: ItemLists, target: Target): BenchRequest[] {
  const perOp = ops.map((op) => (lists.get(op.name) ?? []).map((item) => requestFor(op, target, item)));
  const longest = Math.max(0, ...perOp.map((l) => l.length));
  const out: BenchRequest[] = [];
  for (let i = 0; i < longest; i++) for (const l of perOp) if (l.length > 0) out.push(l[i % l.length] as BenchRequest);
  return out;
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
  let neo4jPid = o.neo4jPid;
  if (neo4jPid && cpuMs(neo4jPid) === null) fail(`--neo4j-pid ${neo4jPid}: no such process to read in /proc`);
  let stopNeo4j = async () => {};
  if (!uri) {
    const dataDir = mkdtempSync(join(tmpdir(), 'unicom-kg-bench-'));
    const local = await startLocalNeo4j({ dataDir, heap: '2g', pagecacheMb: 1024, log });
    uri = local.uri;
    neo4jPid = local.pid;
    stopNeo4j = async () => {
      await local.stop();
      rmSync(dataDir, { recursive: true, force: true });
    };
  }
  const driver = createDriver({ uri, user: 'neo4j', password: process.env.NEO4J_PASSWORD ?? '', connectionTimeoutMs: 5_000 });
  const results: OpResult[] = [];
  const seeding: ({ scale: number } & SeedStats)[] = [];
  const agreement: Record<string, Record<string, string[]>> = {};
  const itemLists: Record<string, Record<string, string[]>> = {};
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

      // The parameter lists of this scale: built once, before any server is asked, the same for all three.
      const lists: ItemLists = new Map();
      itemLists[`scale ${scale}`] = {};
      for (const op of o.ops) {
        const t0 = performance.now();
        const items = await op.items(graphFor(driver, DATABASE, op.name, o.items, scale));
        lists.set(op.name, items);
        (itemLists[`scale ${scale}`] as Record<string, string[]>)[op.name] = items.map((x) => op.label(x));
        const ms = Math.round(performance.now() - t0);
        log(
          `scale ${scale}: ${op.name}: ${items.length} distinct parameter items (${ms} ms)` +
            (items.length < 50 ? ` — FEWER than 50: the graph does not offer more; a cache could answer repeats sooner` : ''),
        );
      }

      for (const cache of o.servers.includes('ours') ? o.cache : ['off' as const]) {
        const servers: Server[] = [];
        try {
          // The peer and floor do not depend on our cache: run them once per scale, with the cache-off pass.
          for (const t of o.servers) if (t === 'ours' || cache === o.cache[0]) servers.push(await startServer(t, uri, cache, o.cpuProf));
          // The check needs the floor as reference even when only ours is timed on this pass.
          const reference = servers.some((s) => s.target === 'floor') ? [] : [await startServer('floor', uri, cache)];
          const agree = await checkAgreement([...reference, ...servers], o.ops, lists, o.checkItems);
          agreement[`scale ${scale}, cache ${cache}`] = Object.fromEntries([...agree].map(([op, ok]) => [op, [...ok].map((s) => s.label)]));
          for (const r of reference) await r.stop();
          if (o.checkOnly) continue;

          // The mix: the operations every server of this pass answered correctly (all of them, normally), so
          // that the servers' mixes are the same requests; an operation left out is said in the report.
          const common = o.ops.filter((op) => servers.every((s) => agree.get(op.name)?.has(s)));
          if (common.length < o.ops.length && common.length > 1)
            log(
              `the mix leaves out ${o.ops
                .filter((op) => !common.includes(op))
                .map((op) => op.name)
                .join(', ')} (not every server answered it correctly): a partial mix of ${common.length} of ${o.ops.length} operations`,
            );
          // Warm Neo4j (JIT, page cache, plan cache) with every server's requests before the first timed run, so
          // that the server timed first does not pay for a cold JVM.
          for (const server of servers) {
            const warm = o.ops.filter((op) => agree.get(op.name)?.has(server));
            if (warm.length > 0)
              await load({
                url: server.url,
                requests: requestList(warm, lists, server.target),
                connections: o.connections,
                // A fresh JVM (the first scale) needs longer before its JIT settles.
                seconds: Math.min(scale === o.scales[0] ? 10 : 5, o.seconds * 2),
              });
          }
          const trips = new Map<string, number>();
          for (const server of servers)
            if (server.target === 'ours')
              for (const op of o.ops.filter((x) => agree.get(x.name)?.has(server)))
                trips.set(op.name, (await send(server, op, lists.get(op.name)?.[0], true)).extensions?.trace?.dbRoundTrips ?? Number.NaN);
          // Operation by operation, each server in turn: the three meet Neo4j in about the same state (JIT, caches,
          // the machine's other load) for each operation, instead of the server timed first meeting a colder one.
          const jobs: [string, Operation[]][] = o.ops.map((op) => [op.name, [op]]);
          if (common.length > 1) jobs.push(['mix', common]);
          // Who goes first turns with each operation: a JIT compilation or a pause of Neo4j that falls on one
          // operation's first run does not always fall on the same server.
          for (const [index, [name, ops]] of jobs.entries())
            for (const server of servers.map((_s, i) => servers[(i + index) % servers.length] as Server)) {
              if (name !== 'mix' && !agree.get(name)?.has(server)) continue;
              const requests = requestList(ops, lists, server.target);
              const job = { url: server.url, requests, connections: o.connections };
              await load({ ...job, seconds: Math.min(2, o.seconds) }); // warm-up: JIT, plan cache, pools
              const cpu0 = cpuMs(neo4jPid);
              const r = await load({ ...job, seconds: o.seconds });
              const cpu1 = cpuMs(neo4jPid);
              const neo4jCpuMs =
                cpu0 !== null && cpu1 !== null && r.requests > 0 ? Math.round(((cpu1 - cpu0) / r.requests) * 1000) / 1000 : null;
              const total = ops.reduce((a, op) => a + (trips.get(op.name) ?? 0), 0);
              const distinct = new Set(requests.map((q) => q.body)).size;
              const result: OpResult = { op: name, server: server.label, scale, items: distinct, neo4jCpuMs, ...r };
              if (name === 'mix') result.mixOps = ops.map((op) => op.name);
              if (server.target === 'ours') result.dbRoundTrips = name === 'mix' ? total / ops.length : (trips.get(name) ?? Number.NaN);
              results.push(result);
              if (server.child.exitCode !== null || r.errors > 0) {
                // Say what the errors were: the server's own words for one request of the run, and its last output.
                let sample = '';
                if (server.child.exitCode === null)
                  try {
                    const q = requests[0] as BenchRequest;
                    const res = await fetch(server.url + q.path, { method: q.method, headers: q.headers, body: q.body });
                    sample = `; one request again: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`;
                  } catch (err) {
                    sample = `; one request again: ${(err as Error).message}`;
                  }
                log(
                  `${server.label} ${name}: ${r.errors} errors (${r.errorDetail ?? '?'})${server.child.exitCode !== null ? `; the server EXITED (${server.child.exitCode})` : ''}${sample}; ` +
                    `its last output:\n${server.output.join('').slice(-2000) || '(nothing)'}`,
                );
              }
              log(
                `scale ${scale} ${server.label.padEnd(15)} ${name.padEnd(16)} ${String(r.rps).padStart(6)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  ` +
                  `errors ${r.errors}  Neo4j CPU ${neo4jCpuMs ?? 'n/a'} ms/req  (${distinct} distinct requests)`,
              );
            }
        } finally {
          for (const s of servers) await s.stop();
        }
      }
    }
  } finally {
    await driver.close();
    await stopNeo4j();
    if (jobDir) rmSync(jobDir, { recursive: true, force: true });
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
    neo4jCpu: neo4jPid
      ? `utime + stime of the Neo4j process (pid ${neo4jPid}) from /proc, ${CLOCK_TICKS} ticks/s, over each timed run, per completed request`
      : 'n/a: Neo4j given by --uri without --neo4j-pid, its process is not ours to read',
    seeding,
    agreement,
    results,
    targets: targets(results, OPERATIONS),
    items: itemLists,
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
const OURS = 'ours (cache off)';

/** One line of the target summary of issue #10. */
interface TargetCheck {
  target: string;
  scale: string;
  status: 'met' | 'MISSED' | 'n/a';
  detail: string;
}

/** How far a ratio is from its bound, in words: "short by 0.42× (needs 69% more)". */
function shortfall(actual: number, bound: number, more = 'more req/s'): string {
  return `short by ${(bound - actual).toFixed(2)}× (needs ${Math.round((bound / actual - 1) * 100)}% ${more})`;
}

/** The targets of issue #10, checked on ours with the response cache off. */
function targets(results: OpResult[], ops: readonly Operation[]): TargetCheck[] {
  const out: TargetCheck[] = [];
  const scales = [...new Set(results.map((r) => r.scale))];
  const get = (scale: number, op: string, server: string) => results.find((r) => r.scale === scale && r.op === op && r.server === server);
  for (const scale of scales) {
    const at = `scale ${scale}`;
    const ours = get(scale, 'mix', OURS);
    for (const [other, bound, aim] of [
      ['peer', 1.5, 2],
      ['floor', 0.7, 0],
    ] as const) {
      const them = get(scale, 'mix', other);
      const target = `mix: ours ≥ ${bound}× ${other}${aim ? ` (aim ${aim}×)` : ''}`;
      if (!ours || !them?.rps) {
        out.push({
          target,
          scale: at,
          status: 'n/a',
          detail: `no mix result for ${ours ? other : 'ours'} (fewer than two operations timed, or not asked for)`,
        });
        continue;
      }
      const r = ours.rps / them.rps;
      const asked = ops.filter((x) => results.some((y) => y.scale === scale && y.op === x.name)).length;
      const inMix = ours.mixOps ?? [];
      const same = (them.mixOps ?? []).join() === inMix.join();
      const partial =
        inMix.length < asked || !same
          ? ` (PARTIAL mix: ${inMix.length} of ${asked} operations for ours${same ? '' : `, ${them.mixOps?.length ?? 0} for ${other}`})`
          : '';
      out.push({
        target,
        scale: at,
        status: r >= bound ? 'met' : 'MISSED',
        detail:
          (r >= bound
            ? `${r.toFixed(2)}×${aim ? (r >= aim ? `, aim of ${aim}× met too` : `, aim of ${aim}× not yet (${shortfall(r, aim)})`) : ''}`
            : `${r.toFixed(2)}×: ${shortfall(r, bound)}`) + partial,
      });
    }
    const opNames = [...new Set(results.filter((r) => r.scale === scale && r.op !== 'mix').map((r) => r.op))];
    const below: string[] = [];
    const missing: string[] = [];
    let compared = 0;
    for (const op of opNames) {
      const a = get(scale, op, OURS);
      const b = get(scale, op, 'peer');
      if (!a || !b) {
        if (b || a) missing.push(`${op} (${a ? 'peer' : 'ours'} not timed)`);
        continue;
      }
      compared++;
      if (a.rps < b.rps) below.push(`${op} ${(a.rps / b.rps).toFixed(2)}×`);
    }
    out.push({
      target: 'every operation: ours ≥ 1.0× peer',
      scale: at,
      status: below.length || missing.length ? 'MISSED' : compared ? 'met' : 'n/a',
      detail:
        below.length || missing.length
          ? [...below, ...missing].join(', ')
          : compared
            ? `all ${compared} operations`
            : 'ours or the peer not timed',
    });
    const tails = results
      .filter((r) => r.scale === scale && r.server === OURS && r.p50 > 0)
      .map((r) => ({ op: r.op, k: r.p99 / r.p50 }))
      .sort((x, y) => y.k - x.k);
    const bad = tails.filter((t) => t.k > 3);
    out.push({
      target: 'ours: p99 ≤ 3× p50 (each operation and the mix)',
      scale: at,
      status: tails.length === 0 ? 'n/a' : bad.length ? 'MISSED' : 'met',
      detail: bad.length
        ? bad.map((t) => `${t.op} ${t.k.toFixed(1)}×`).join(', ')
        : tails[0]
          ? `worst ${tails[0].op} ${tails[0].k.toFixed(1)}×`
          : 'no results of ours (cache off) with p50 > 0',
    });
  }
  if (scales.length > 1) {
    const first = scales[0] as number;
    const last = scales.at(-1) as number;
    const target = `index-backed operations: ours p50 grows ≤ 2× from scale ${first} to ${last}${first === 1 && last === 100 ? '' : ' (the target is scale 1 → 100)'}`;
    const growth: string[] = [];
    let worse = false;
    let any = false;
    for (const op of ops.filter((x) => x.indexBacked)) {
      const a = get(first, op.name, OURS);
      const b = get(last, op.name, OURS);
      if (!a || !b) continue;
      any = true;
      // autocannon's latencies have 1 ms resolution: below it, count 1 ms (a lower bound on growth).
      const k = Math.max(b.p50, 1) / Math.max(a.p50, 1);
      if (k > 2) worse = true;
      growth.push(`${op.name} ${a.p50} → ${b.p50} ms (${k.toFixed(2)}×${k > 2 ? `, over by ${(k - 2).toFixed(2)}×` : ''})`);
    }
    out.push({
      target,
      scale: `${first} → ${last}`,
      status: any ? (worse ? 'MISSED' : 'met') : 'n/a',
      detail: growth.join(', ') || 'no index-backed results',
    });
  }
  return out;
}

function markdown(report: {
  command: string;
  machine: Record<string, unknown>;
  options: { seconds: number; connections: number; items: number; checkItems: number };
  neo4jCpu: string;
  seeding: ({ scale: number } & SeedStats)[];
  results: OpResult[];
  targets: TargetCheck[];
}): string {
  const { results } = report;
  const lines: string[] = [];
  const m = report.machine;
  lines.push(
    `Machine: ${m.nproc} cores (${m.cpu}), ${m.memoryGiB} GiB, Node ${m.node}, ${m.java}, Neo4j ${m.neo4j}; ` +
      `${report.options.connections} connections, ${report.options.seconds} s per operation; every request takes the next of up to ` +
      `${report.options.items} distinct parameter items per operation (the same sequence for every server; the first ` +
      `${report.options.checkItems} checked for equal answers). Neo4j CPU: ${report.neo4jCpu}. Command: \`${report.command}\``,
  );
  lines.push('', 'Targets of issue #10 (ours with the response cache off):', '');
  lines.push('| target | scale | status | detail |', '|---|---|---|---|');
  for (const t of report.targets)
    lines.push(`| ${t.target} | ${t.scale} | ${t.status === 'met' ? 'met' : t.status === 'MISSED' ? '**MISSED**' : 'n/a'} | ${t.detail} |`);
  const scales = [...new Set(results.map((r) => r.scale))];
  const ops = [...new Set(results.map((r) => r.op))];
  const get = (scale: number, op: string, server: string) => results.find((r) => r.scale === scale && r.op === op && r.server === server);
  const cpu = (r?: OpResult) => (r ? (r.neo4jCpuMs === null ? 'n/a' : String(r.neo4jCpuMs)) : '–');
  for (const scale of scales) {
    lines.push(
      '',
      `Scale ${scale}: each cell is requests/s · p50 / p99 in ms · Neo4j CPU ms per request (· errors); round-trips = our database round-trips per request.`,
      '',
    );
    lines.push(
      '| operation | ours, cache off | ours, cache on | peer (@neo4j/graphql) | floor (driver) | round-trips | ours/peer | ours/floor |',
    );
    lines.push('|---|---|---|---|---|---|---|---|');
    for (const op of ops) {
      const cell = (r?: OpResult) => (r ? `${r.rps} · ${r.p50} / ${r.p99} · ${cpu(r)}${r.errors ? ` · ${r.errors} err` : ''}` : '–');
      const off = get(scale, op, OURS);
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
      const rs = scales.map((s) => get(s, op, OURS));
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
