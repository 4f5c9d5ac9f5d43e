import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../src/neo4j-local/index.js';
import { alive } from './helpers.js';

interface Running {
  child: ChildProcess;
  port: number;
  logs: Record<string, unknown>[];
  exited: Promise<number | null>;
}

/** Starts `npm start`'s entry point as a real process with its own local Neo4j in `dataDir`. */
async function startServer(dataDir: string): Promise<Running> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { ...process.env, PORT: String(port), NEO4J_DATA_DIR: dataDir, NEO4J_URI: '', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  let buf = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    buf += chunk;
    const lines = buf.split('\n');
    buf = lines.pop() ?? '';
    for (const l of lines) {
      try {
        logs.push(JSON.parse(l));
      } catch {
        logs.push({ msg: l });
      }
    }
  });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, port, logs, exited };
}

async function status(port: number, path: string): Promise<number> {
  try {
    return (await fetch(`http://127.0.0.1:${port}${path}`)).status;
  } catch {
    return 0;
  }
}

async function until(fn: () => Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await fn())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function neo4jPid(logs: Record<string, unknown>[]): number {
  for (const l of logs) {
    const m = /\(pid (\d+),/.exec(String(l.msg ?? ''));
    if (m?.[1]) return Number(m[1]);
  }
  throw new Error(`no Neo4j pid in logs: ${JSON.stringify(logs)}`);
}

describe('npm start (src/server.ts) as a process', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'unicom-kg-server-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`serves /health at once, /ready 503 then 200, answers { __typename }, and on ${signal} stops leaving no java`, async () => {
      const s = await startServer(dataDir);
      try {
        await until(async () => (await status(s.port, '/health')) === 200, 30_000);
        const seen = new Set<number>();
        await until(async () => {
          const code = await status(s.port, '/ready');
          seen.add(code);
          return code === 200;
        }, 180_000);
        // The first start seeds, so /ready must have answered 503 before 200.
        if (signal === 'SIGTERM') expect(seen.has(503)).toBe(true);

        const res = await fetch(`http://127.0.0.1:${s.port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ __typename }' }),
        });
        expect(await res.json()).toEqual({ data: { __typename: 'Query' } });
        expect(s.logs.some((l) => typeof l.step === 'string' && typeof l.ms === 'number')).toBe(true);

        const pid = neo4jPid(s.logs);
        expect(alive(pid)).toBe(true);
        s.child.kill(signal);
        expect(await s.exited).toBe(0);
        expect(alive(pid)).toBe(false);
      } finally {
        if (s.child.exitCode === null) s.child.kill('SIGKILL');
      }
    }, 240_000);
  }
});
