import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENTED_CODES } from '../src/errors.js';
import { freePort } from '../src/neo4j-local/index.js';
import { runStress, waitForReady } from '../tools/stress-core.js';
import { testNeo4j } from './helpers.js';

// The short version of `npm run stress`: the real server process on loopback, attackers sending the most
// expensive requests the limits let through, a probe of cheap look-ups and /ready polled throughout.
// Latency is printed, not asserted (shared machines are noisy); failures are asserted.
describe('stress: expensive requests cannot starve cheap ones (Query.paths, Query.neighborhood, Query.entity)', () => {
  let server: ChildProcess | undefined;
  let baseUrl = '';

  beforeAll(async () => {
    const n = testNeo4j();
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: {
        ...process.env,
        NEO4J_URI: n.uri,
        NEO4J_USER: n.user,
        NEO4J_PASSWORD: n.password,
        NEO4J_DATABASE: n.database,
        SEED_ON_START: 'never',
        PORT: String(port),
        LOG_LEVEL: 'warn',
        RESPONSE_CACHE: 'off',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    await waitForReady(baseUrl, 60_000);
  }, 90_000);

  afterAll(() => {
    server?.kill('SIGTERM');
  });

  it('4 attackers for 10 s: 0 probe failures, /ready 200 throughout, every refusal a documented code', async () => {
    const report = await runStress({ baseUrl, seconds: 10, attackers: 4, probeRps: 5, seed: 11 });
    console.log(
      `[stress.test] probe ${report.probe.sent} requests, p50 ${report.probe.p50} ms, p99 ${report.probe.p99} ms, failures ${report.probe.failures}; /ready non-200 ${report.ready.non200}/${report.ready.polls}; attacks ${report.attack.sent}: ${JSON.stringify(report.attack.byCode)}; load average ${report.machine.loadStart} → ${report.machine.loadEnd} on ${report.machine.cores} cores`,
    );
    expect(report.probe.sent).toBeGreaterThanOrEqual(40);
    expect(report.probe.failures, report.probe.failureSamples.join('\n')).toBe(0);
    expect(report.ready.non200).toBe(0);
    expect(report.attack.sent).toBeGreaterThan(0);
    for (const code of Object.keys(report.attack.byCode)) expect(DOCUMENTED_CODES, code).toContain(code);
    expect(report.attack.byCode.INTERNAL_SERVER_ERROR).toBeUndefined();
  }, 60_000);
});
