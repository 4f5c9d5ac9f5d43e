import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { prng } from './prng.js';
import { newShapeRequest, type ShapeMode } from './shapes.js';

const HELP = `Usage: npx tsx tools/new-shapes.ts --url URL --neo4j-pid PID [--requests K] [--mode order|sets] [--storm S] [--clients C] [--seed N]

Measures what queries of shapes the server has not seen cost (issue 22 item 8), against a running server (URL,
e.g. http://127.0.0.1:4000) whose Neo4j runs on this machine as process PID (its CPU time is read from
/proc/PID/stat, as bench/run.ts does).

Without --storm: sends K requests (default 5) one after the other, each of 30 aliases of entity(id:) whose
selections are new (--mode order: the same fields in a new order under new alias names; --mode sets: also a
random subset of the fields), and prints each request's wall time, Neo4j CPU and answer code.

With --storm S: C clients (default 4) send such requests for S seconds (at most 60) while a probe sends 5 cheap
look-ups a second; prints requests, Neo4j CPU per request, the answers by code and the probe's p50/p99.

  --help   this text`;

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    'neo4j-pid': { type: 'string' },
    requests: { type: 'string', default: '5' },
    mode: { type: 'string', default: 'order' },
    storm: { type: 'string' },
    clients: { type: 'string', default: '4' },
    seed: { type: 'string', default: String(Date.now() % 100_000) },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const fail = (msg: string): never => {
  console.error(`${msg} See --help.`);
  process.exit(2);
};
const url = values.url ?? fail('--url is required.');
const pid = Number(values['neo4j-pid'] ?? fail('--neo4j-pid is required.'));
const mode = (['order', 'sets'].includes(values.mode) ? values.mode : fail(`--mode is order or sets; got ${values.mode}.`)) as ShapeMode;
const seed = Number(values.seed);
const storm = values.storm === undefined ? null : Number(values.storm);
if (storm !== null && !(storm > 0 && storm <= 60)) fail('--storm takes 1 to 60 seconds.');

/** utime + stime of the process in ms (all its threads). */
function cpuMs(): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

async function post(query: string, variables: object = {}) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
  return { status: res.status, code: body.errors?.[0]?.extensions?.code ?? 'ok' };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const rnd = prng(seed);

if (storm === null) {
  const k = Number(values.requests);
  console.log(`${k} requests of 30 aliases, mode ${mode}, seed ${seed}`);
  for (let i = 0; i < k; i++) {
    const query = newShapeRequest(rnd, mode);
    const cpu0 = cpuMs();
    const t0 = performance.now();
    const r = await post(query);
    const wall = performance.now() - t0;
    const cpu = cpuMs() - cpu0;
    console.log(`request ${i + 1}: ${Math.round(wall)} ms wall, ${Math.round(cpu)} ms Neo4j CPU, HTTP ${r.status} ${r.code}`);
  }
  const query = newShapeRequest(prng(seed + 1), mode);
  await post(query);
  const cpu0 = cpuMs();
  const t0 = performance.now();
  const r = await post(query);
  console.log(
    `the same text repeated: ${Math.round(performance.now() - t0)} ms wall, ${Math.round(cpuMs() - cpu0)} ms Neo4j CPU, HTTP ${r.status} ${r.code}`,
  );
} else {
  const clients = Number(values.clients);
  const deadline = Date.now() + storm * 1000;
  const codes = new Map<string, number>();
  let sent = 0;
  const probe: number[] = [];
  const cpu0 = cpuMs();
  const attacker = async (k: number) => {
    const r = prng(seed * 100 + k);
    while (Date.now() < deadline) {
      const res = await post(newShapeRequest(r, mode)).catch((e: Error) => ({ status: 0, code: `network:${e.name}` }));
      sent += 1;
      codes.set(res.code, (codes.get(res.code) ?? 0) + 1);
    }
  };
  const prober = async () => {
    const pending: Promise<void>[] = [];
    for (let next = Date.now(); next < deadline; next += 200) {
      await new Promise((res) => setTimeout(res, Math.max(0, next - Date.now())));
      pending.push(
        (async () => {
          const t0 = performance.now();
          await post('query P($id: ID!) { entity(id: $id) { id nameZh } }', { id: 'partner/meituan' });
          probe.push(performance.now() - t0);
        })(),
      );
    }
    await Promise.all(pending);
  };
  await Promise.all([...Array.from({ length: clients }, (_, k) => attacker(k)), prober()]);
  const cpu = cpuMs() - cpu0;
  probe.sort((a, b) => a - b);
  console.log(
    `storm ${storm} s, ${clients} clients, mode ${mode}: ${sent} requests, Neo4j CPU ${Math.round(cpu)} ms (${Math.round(cpu / Math.max(1, sent))} ms per request, ${Math.round(cpu / storm / 10)} % of a core)`,
  );
  console.log(`answers: ${[...codes].map(([c, n]) => `${c} ${n}`).join(', ')}`);
  console.log(`probe: ${probe.length} look-ups, p50 ${Math.round(pct(probe, 50))} ms, p99 ${Math.round(pct(probe, 99))} ms`);
}
