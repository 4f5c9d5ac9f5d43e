import { afterAll, describe, expect, it } from 'vitest';
import { DOCUMENTED_CODES } from '../src/errors.js';
import { schema } from '../src/schema/index.js';
import { connectionFields, loadPools, runCursorFuzz, runFuzz } from '../tools/fuzz-gen.js';
import { testApp } from './helpers.js';

describe('fuzzing (tools/fuzz.ts; the full run is `npm run fuzz -- --count 5000 --seed 1`)', () => {
  const t = testApp();
  afterAll(() => t.close());

  it('300 random schema-valid operations (seed 7) end only in "ok" or documented error codes', async () => {
    const pools = await loadPools(t.app);
    expect(pools.ids.length).toBeGreaterThan(100);
    // One at a time: contention between expensive requests (SERVER_BUSY under load) is test/stress.test.ts's subject; here
    // every answer must come from the input alone.
    const report = await runFuzz(t.app, schema, pools, { count: 300, seed: 7, documented: DOCUMENTED_CODES, concurrency: 1 });
    expect(report.failures.map((f) => ({ ...f, response: f.response.slice(0, 300) }))).toEqual([]);
    // The generator must reach the resolvers, not only bounce off validation.
    expect(report.outcomes.ok ?? 0).toBeGreaterThan(60);
    expect(report.outcomes.GRAPHQL_VALIDATION_FAILED ?? 0).toBe(0);
    expect((await t.data('{ entity(id: "partner/meituan") { id } }')).entity.id).toBe('partner/meituan');
  }, 180_000);

  it('cursors of every connection (400, seed 11): a cursor it made pages, any other is BAD_USER_INPUT naming the argument', async () => {
    const connections = connectionFields(schema, 'partner/meituan');
    expect(connections.map((c) => c.name)).toEqual(
      expect.arrayContaining(['Query.entities', 'Query.lines', 'Query.metrics', 'Entity.mentions', 'Entity.relations']),
    );
    // A connection the fuzzer cannot reach would go untested: every one must be reachable.
    expect(connections.filter((c) => c.wrap === null).map((c) => c.name)).toEqual([]);
    const report = await runCursorFuzz(t.app, connections, { count: 400, seed: 11 });
    console.log(`[fuzz.test] cursors: ${JSON.stringify(report.outcomes)}`);
    expect(report.failures.slice(0, 5)).toEqual([]);
    expect(report.outcomes['cursor: ok'] ?? 0).toBeGreaterThan(80);
    expect(report.outcomes['not a cursor: BAD_USER_INPUT'] ?? 0).toBeGreaterThan(150);
  }, 180_000);

  it('is reproducible: the same seed gives the same operations', async () => {
    const { OperationGenerator } = await import('../tools/fuzz-gen.js');
    const { prng } = await import('../tools/prng.js');
    const pools = { ids: ['partner/meituan', 'region/beijing'], names: ['美團'], relationTypes: ['RUNS'] };
    const a = new OperationGenerator(schema, pools, prng(42));
    const b = new OperationGenerator(schema, pools, prng(42));
    for (let i = 0; i < 20; i++) expect(a.next()).toEqual(b.next());
  });
});
