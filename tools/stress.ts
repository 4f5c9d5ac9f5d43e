import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { freePort } from '../src/neo4j-local/index.js';
import { runStress, type StressReport, waitForReady } from './stress-core.js';
import { toolNeo4j } from './tool-neo4j.js';

const HELP = `Usage: npm run stress -- [--seconds N] [--attackers C] [--probe-rps R] [--seed S] [--no-save]

Stress test of the server's protection against expensive requests: starts the API server (npm start's
entry point) in a child process on a free loopback port, against NEO4J_URI (read-only use) or, when it is
unset, a local Neo4j in a temporary folder, seeded. Then C attackers send the most expensive requests the
schema allows (path searches, depth-3 neighbourhoods of the hub, wide searches, nested relation lists, each
sorts over all entities, filters with subqueries, selections of shapes never sent before (each a new
statement text for Neo4j to plan), each with as many aliases as the limits let pass, and
downloads of the exports, a quarter of the attacks) for N seconds, while a probe sends R cheap entity look-ups per
second and /ready is polled every second. Prints the probe's p50/p99/max and failures, /ready's answers and
what the attackers got, and writes bench/results/stress-<time>.{json,md}. Stops by itself; loopback only.

Targets (issue 11): probe p99 <= 500 ms, 0 probe failures, /ready 200 throughout.

  --seconds N     how long (default 60)
  --attackers C   concurrent attacking clients (default 8)
  --probe-rps R   probe requests per second (default 5)
  --seed S        seed of the request mix (default 1)
  --no-save       print only; write nothing under bench/results
  --help          this text`;

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    attackers: { type: 'string', default: '8' },
    'probe-rps': { type: 'string', default: '5' },
    seed: { type: 'string', default: '1' },
    'no-save': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const num = (name: string, v: string, min: number, max: number) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < min || n > max) {
    console.error(`--${name} must be a number from ${min} to ${max}; got "${v}". See --help.`);
    process.exit(2);
  }
  return n;
};
const seconds = num('seconds', values.seconds, 1, 3600);
const attackers = num('attackers', values.attackers, 1, 256);
const probeRps = num('probe-rps', values['probe-rps'], 0.1, 100);
const seed = num('seed', values.seed, 0, 2 ** 31);

const neo4j = await toolNeo4j('stress');
const port = await freePort();
const baseUrl = `http://127.0.0.1:${port}`;
const server: ChildProcess = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../src/server.ts', import.meta.url))], {
  env: { ...process.env, NEO4J_URI: neo4j.uri, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', RESPONSE_CACHE: 'off' },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const cleanup = async () => {
  server.kill('SIGTERM');
  await neo4j.cleanup();
};
process.on('SIGINT', () => void cleanup().finally(() => process.exit(130)));

let report: StressReport;
try {
  await waitForReady(baseUrl, 120_000);
  console.log(`server ready at ${baseUrl}; stressing for ${seconds} s with ${attackers} attackers and a ${probeRps} req/s probe`);
  report = await runStress({ baseUrl, seconds, attackers, probeRps, seed, log: (m) => console.log(m) });
} finally {
  await cleanup();
}

/** Which code ran: the commit, and the files that differed from it (a run is only as honest as this line). */
function codeVersion(): string {
  const git = (...args: string[]) => spawnSync('git', args, { encoding: 'utf8' }).stdout ?? '';
  const commit = git('rev-parse', '--short', 'HEAD').trim();
  if (!commit) return 'unknown (not a git checkout)';
  const changed = git('status', '--porcelain', '--untracked-files=no', '--', 'src', 'cypher', 'tools', 'package.json')
    .split('\n')
    .filter(Boolean)
    .map((l) => l.slice(3));
  return changed.length ? `${commit} with uncommitted changes to ${changed.join(', ')}` : commit;
}

const code = codeVersion();
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
const lines = [
  `# Stress run ${new Date().toISOString()}`,
  '',
  `Command: \`npm run stress -- --seconds ${seconds} --attackers ${attackers} --probe-rps ${probeRps} --seed ${seed}\``,
  '',
  `Code: ${code}. Machine: ${report.machine.cores} cores, load average ${report.machine.loadStart} at the start, ${report.machine.loadEnd} at the end (server, Neo4j, attackers, probe and any other work share them).`,
  '',
  '| measure | value | target |',
  '|---|---:|---|',
  `| probe requests | ${report.probe.sent} | |`,
  `| probe failures | ${report.probe.failures} | 0: ${verdict(report.probe.failures === 0)} |`,
  `| probe p50 | ${report.probe.p50} ms | |`,
  `| probe p99 | ${report.probe.p99} ms | ≤ 500 ms: ${verdict(report.probe.p99 <= 500)} |`,
  `| probe max | ${report.probe.max} ms | |`,
  `| slowest probes (s into the run: ms) | ${report.probe.slowest.map((p) => `${p.atS}: ${p.ms}`).join(', ')} | |`,
  `| server event-loop delay p50 / p99 / max | ${report.serverEventLoopDelayMs ? `${report.serverEventLoopDelayMs.p50} / ${report.serverEventLoopDelayMs.p99} / ${report.serverEventLoopDelayMs.max} ms` : 'n/a'} | |`,
  `| /ready polls not 200 | ${report.ready.non200} of ${report.ready.polls} | 0: ${verdict(report.ready.non200 === 0)} |`,
  `| attack requests | ${report.attack.sent} (${report.attack.ok} answered in full) | |`,
  `| attack answers by code | ${Object.entries(report.attack.byCode)
    .map(([c, n]) => `${c} ${n}`)
    .join(', ')} | |`,
  '',
  ...(report.probe.failureSamples.length ? ['Probe failure samples:', '', ...report.probe.failureSamples.map((s) => `- \`${s}\``)] : []),
];
console.log(lines.join('\n'));
if (!values['no-save']) {
  const dir = fileURLToPath(new URL('../bench/results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/:/g, '-').replace(/\..*/, '');
  writeFileSync(`${dir}stress-${stamp}.json`, `${JSON.stringify({ ...report, code }, null, 2)}\n`);
  writeFileSync(`${dir}stress-${stamp}.md`, `${lines.join('\n')}\n`);
  console.log(`written bench/results/stress-${stamp}.{json,md}`);
}
process.exit(report.probe.failures === 0 && report.ready.non200 === 0 ? 0 : 1);
