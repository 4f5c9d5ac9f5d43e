import { availableParallelism, loadavg } from 'node:os';
import { prng } from './prng.js';
import { newShape } from './shapes.js';

/**
 * The stress run behind `npm run stress` and its short version in the test suite: attackers send the most
 * expensive requests the schema allows, a probe sends cheap entity look-ups at a steady rate, and /ready is
 * polled every second. Everything targets one base URL on loopback, and stops by itself.
 */
export interface StressOptions {
  /** e.g. http://127.0.0.1:4000 (loopback only). */
  baseUrl: string;
  seconds: number;
  attackers: number;
  probeRps: number;
  seed: number;
  /** Progress lines. */
  log?: (msg: string) => void;
}

export interface StressReport {
  seconds: number;
  attackers: number;
  attack: { sent: number; ok: number; byCode: Record<string, number> };
  probe: {
    sent: number;
    failures: number;
    p50: number;
    p99: number;
    max: number;
    failureSamples: string[];
    slowest: { atS: number; ms: number }[];
  };
  ready: { polls: number; non200: number };
  /**
   * The machine the run shared: cores and the 1-minute load average at the start and the end. Latency is
   * wall time, so a machine loaded by other work (load above the cores) lengthens every figure.
   */
  machine: { cores: number; loadStart: number; loadEnd: number };
  /** The server's own event-loop delay over the run (its /health), when it reports one. */
  serverEventLoopDelayMs?: { p50: number; p99: number; max: number };
}

/** Ids the requests draw from: the hub, its best-connected neighbours and a spread of others. */
const IDS = [
  'company/china-unicom-hk',
  'company/china-unicom-operating',
  'region/china',
  'partner/meituan',
  'partner/china-telecom',
  'partner/huawei',
  'program/smart-winter-olympics',
  'region/beijing',
  'region/hubei',
  'subsidiary/unicom-big-data',
  'branch/hubei',
  'branch/guangdong',
  'event/covid-19-epidemic',
  'metric/4g-base-stations-in-service',
];

/** The most expensive shapes of request the schema allows, each repeated with as many aliases as the limits let pass. */
const ATTACKS: ((rnd: () => number) => string)[] = [
  (rnd) =>
    `p: paths(from: "${pick(IDS, rnd)}", to: "${pick(IDS, rnd)}", maxLength: 6, first: 20) { length nodes { id nameZh } edges { type } }`,
  (rnd) => `p: paths(from: "${pick(IDS, rnd)}", to: "${pick(IDS, rnd)}", maxLength: 6, first: 20, relationTypes: [ISSUED_BY]) { length }`,
  (rnd) => `n: neighborhood(id: "${pick(IDS, rnd)}", depth: 3, limit: 1000) { truncated nodes { id } edges { type } }`,
  (rnd) => `s: search(query: "${pick(['聯通', '中國', '5G', 'China', '公司', '扶貧', '網絡'], rnd)}", first: 50) { score entity { id } }`,
  (rnd) =>
    `e: entity(id: "${pick(IDS, rnd)}") { relations(first: 100) { edges { node { id relations(first: 100) { edges { node { id } } } } } } }`,
  // Sorts over all entities: every entity ordered by a computed key (issue 22).
  (rnd) =>
    `o: entities(first: 100, sort: [{by: ${pick(['NEIGHBOURS', 'DEGREE', 'MENTIONS', 'VALUE'], rnd)}, direction: DESC}, {by: NAME}]) { edges { node { id nameZh } } }`,
  // Shapes never sent before: each alias a new subset and order of nested fields, so each needs a new statement
  // text that Neo4j must plan (issue 22 item 8); bounded per client address by MAX_NEW_SHAPES_PER_MINUTE.
  (rnd) => newShape(rnd, 'sets', 'x'),
  // Filters with subqueries per candidate, sorted.
  (rnd) =>
    `f: entities(first: 100, where: {or: [{relatedTo: {id: "${pick(IDS, rnd)}"}}, {about: ["theme/5g"]}, {hasRelation: [PARTNERS_WITH]}]}, sort: [{by: DEGREE, direction: DESC}]) { totalCount edges { node { id } } }`,
];

/** The probe: a cheap look-up. */
const PROBE = 'query P($id: ID!) { entity(id: $id) { id nameZh } }';

/** The exports attackers download, whole (issue 22): at most 2 at once per address, under the heavy lane. */
const EXPORT_FILES = ['graph.graphml', 'graph.json', 'relations.csv', 'entities.csv'];
/** Share of attack requests that are exports. */
const EXPORT_SHARE = 0.25;

function pick<T>(list: readonly T[], rnd: () => number): T {
  return list[Math.floor(rnd() * list.length)] as T;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

async function post(baseUrl: string, query: string, variables: object = {}, signal?: AbortSignal) {
  const res = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
    signal,
  });
  const text = await res.text();
  // A full answer can be megabytes; only error answers are parsed, so the load generator stays light.
  const body = (text.startsWith('{"data"') && !text.includes('"errors"') ? {} : JSON.parse(text)) as {
    data?: unknown;
    errors?: { extensions?: { code?: string } }[];
  };
  return { status: res.status, body };
}

/** Repeats one attack shape under aliases a0, a1, ...: as many as pass the server's limits (found by asking). */
async function widest(baseUrl: string, shape: (rnd: () => number) => string, rnd: () => number): Promise<number> {
  let best = 1;
  for (const n of [30, 20, 12, 8, 5, 3, 2, 1]) {
    const r = await post(baseUrl, aliased(shape, n, rnd));
    const code = r.body.errors?.[0]?.extensions?.code;
    if (!code || !/LIMIT$/.test(code)) {
      best = n;
      break;
    }
  }
  return best;
}

function aliased(shape: (rnd: () => number) => string, n: number, rnd: () => number): string {
  return `{ ${Array.from({ length: n }, (_, i) => shape(rnd).replace(/^(\w+):/, `$1${i}:`)).join(' ')} }`;
}

/** Waits until `${baseUrl}/ready` answers 200; throws after `ms`. */
export async function waitForReady(baseUrl: string, ms: number): Promise<void> {
  const started = Date.now();
  for (;;) {
    const ok = await fetch(`${baseUrl}/ready`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return;
    if (Date.now() - started > ms) throw new Error(`the server at ${baseUrl} did not become ready within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

export async function runStress(o: StressOptions): Promise<StressReport> {
  const log = o.log ?? (() => {});
  if (!/^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/.test(o.baseUrl))
    throw new Error(`Stress runs only against loopback (127.0.0.0/8, localhost, [::1]); got ${o.baseUrl}.`);
  const rnd = prng(o.seed);
  // The probe's statement is known to the server before any attacker spends this address's budget of new shapes.
  await post(o.baseUrl, PROBE, { id: IDS[0] });
  const widths: number[] = [];
  for (const shape of ATTACKS) widths.push(await widest(o.baseUrl, shape, rnd));
  log(`attack shapes with aliases: ${widths.join(', ')}`);

  const deadline = Date.now() + o.seconds * 1000;
  const stop = new AbortController();
  const report: StressReport = {
    seconds: o.seconds,
    attackers: o.attackers,
    attack: { sent: 0, ok: 0, byCode: {} },
    probe: { sent: 0, failures: 0, p50: 0, p99: 0, max: 0, failureSamples: [], slowest: [] },
    ready: { polls: 0, non200: 0 },
    machine: { cores: availableParallelism(), loadStart: round1(loadavg()[0] ?? 0), loadEnd: 0 },
  };
  const byCode = new Map<string, number>();

  const attacker = async (k: number) => {
    const r = prng(o.seed * 1000 + k);
    while (Date.now() < deadline) {
      report.attack.sent += 1;
      if (r() < EXPORT_SHARE) {
        const file = pick(EXPORT_FILES, r);
        try {
          const res = await fetch(`${o.baseUrl}/export/${file}`, { signal: stop.signal });
          const body = await res.text();
          if (res.status === 200) report.attack.ok += 1;
          else {
            const code = (JSON.parse(body) as { error?: { code?: string } }).error?.code ?? `HTTP ${res.status}`;
            byCode.set(code, (byCode.get(code) ?? 0) + 1);
          }
        } catch (err) {
          if (stop.signal.aborted) break;
          const code = `network:${(err as Error).name}`;
          byCode.set(code, (byCode.get(code) ?? 0) + 1);
        }
        continue;
      }
      const i = Math.floor(r() * ATTACKS.length);
      const shape = ATTACKS[i] as (rnd: () => number) => string;
      try {
        const res = await post(o.baseUrl, aliased(shape, widths[i] ?? 1, r), {}, stop.signal);
        const code = res.body.errors?.[0]?.extensions?.code;
        if (!code) report.attack.ok += 1;
        else byCode.set(code, (byCode.get(code) ?? 0) + 1);
      } catch (err) {
        if (stop.signal.aborted) break;
        const code = `network:${(err as Error).name}`;
        byCode.set(code, (byCode.get(code) ?? 0) + 1);
      }
    }
  };

  const latencies: number[] = [];
  const timed: { atS: number; ms: number }[] = [];
  const begun = Date.now();
  const probe = async () => {
    const r = prng(o.seed + 7);
    const every = 1000 / o.probeRps;
    const inflight: Promise<void>[] = [];
    for (let next = Date.now(); next < deadline; next += every) {
      await new Promise((res) => setTimeout(res, Math.max(0, next - Date.now())));
      const id = pick(IDS, r);
      report.probe.sent += 1;
      inflight.push(
        (async () => {
          const started = performance.now();
          try {
            const res = await post(o.baseUrl, PROBE, { id });
            latencies.push(performance.now() - started);
            timed.push({ atS: Math.round((Date.now() - begun) / 100) / 10, ms: Math.round(performance.now() - started) });
            if (res.status !== 200 || res.body.errors) {
              report.probe.failures += 1;
              if (report.probe.failureSamples.length < 5) report.probe.failureSamples.push(JSON.stringify(res.body).slice(0, 300));
            }
          } catch (err) {
            latencies.push(performance.now() - started);
            report.probe.failures += 1;
            if (report.probe.failureSamples.length < 5) report.probe.failureSamples.push(String(err));
          }
        })(),
      );
    }
    await Promise.all(inflight);
  };

  const ready = async () => {
    while (Date.now() < deadline) {
      report.ready.polls += 1;
      try {
        const res = await fetch(`${o.baseUrl}/ready`);
        await res.arrayBuffer();
        if (res.status !== 200) report.ready.non200 += 1;
      } catch {
        report.ready.non200 += 1;
      }
      await new Promise((res) => setTimeout(res, 1000));
    }
  };

  const progress = setInterval(() => {
    log(
      `${Math.max(0, Math.round((deadline - Date.now()) / 1000))} s left: attack ${report.attack.sent} sent, probe ${report.probe.sent} sent / ${report.probe.failures} failed`,
    );
  }, 10_000);
  try {
    await Promise.all([...Array.from({ length: o.attackers }, (_, k) => attacker(k)), probe(), ready()]);
  } finally {
    clearInterval(progress);
    stop.abort();
  }
  latencies.sort((a, b) => a - b);
  report.probe.p50 = Math.round(percentile(latencies, 50));
  report.probe.p99 = Math.round(percentile(latencies, 99));
  report.probe.max = Math.round(latencies.at(-1) ?? 0);
  report.attack.byCode = Object.fromEntries([...byCode].sort());
  report.machine.loadEnd = round1(loadavg()[0] ?? 0);
  report.probe.slowest = timed.sort((a, b) => b.ms - a.ms).slice(0, 5);
  report.serverEventLoopDelayMs = await fetch(`${o.baseUrl}/health`)
    .then((r) => r.json() as Promise<{ eventLoopDelayMs?: StressReport['serverEventLoopDelayMs'] }>)
    .then((h) => h.eventLoopDelayMs)
    .catch(() => undefined);
  return report;
}
