import { createServer } from 'node:http';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { collectWhenIdle } from '../../src/process.js';

/** Forced full collections seen while `fn` runs. */
async function forcedGcsDuring(fn: () => Promise<void>): Promise<number> {
  let forced = 0;
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const d = (e as PerformanceEntry & { detail?: { kind?: number; flags?: number } }).detail;
      if (d?.kind === constants.NODE_PERFORMANCE_GC_MAJOR && ((d.flags ?? 0) & constants.NODE_PERFORMANCE_GC_FLAGS_FORCED) !== 0) forced++;
    }
  });
  obs.observe({ entryTypes: ['gc'] });
  try {
    await fn();
    await new Promise((r) => setTimeout(r, 50));
  } finally {
    obs.disconnect();
  }
  return forced;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe('collectWhenIdle', () => {
  it('collects once after a quiet spell that follows requests, and not again while nothing comes', async () => {
    const server = createServer((_req, res) => res.end('ok'));
    const stop = collectWhenIdle(server, 200);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const addr = server.address();
    const port = typeof addr === 'object' && addr ? addr.port : 0;
    try {
      // No request yet: nothing to give back.
      expect(await forcedGcsDuring(() => sleep(600))).toBe(0);
      const afterRequest = await forcedGcsDuring(async () => {
        await (await fetch(`http://127.0.0.1:${port}/`)).text();
        await sleep(1_500);
      });
      expect(afterRequest).toBe(1);
      expect(await forcedGcsDuring(() => sleep(600))).toBe(0);
    } finally {
      stop();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
