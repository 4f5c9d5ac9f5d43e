import { afterEach, describe, expect, it, vi } from 'vitest';
import { type RequestBudget, RequestScope } from '../../src/db/scope.js';
import { apiError } from '../../src/errors.js';
import { thrown } from './thrown.js';

const budget: RequestBudget = { maxStatements: 3, maxDbMs: 100, deadlineMs: 5_000 };

const scopes: RequestScope[] = [];
function scope(b = budget, signal?: AbortSignal): RequestScope {
  const s = new RequestScope(b, signal);
  scopes.push(s);
  return s;
}

afterEach(() => {
  for (const s of scopes.splice(0)) s.dispose();
  vi.useRealTimers();
});

describe('RequestScope (src/db/scope.ts)', () => {
  it('admits statements up to the budget and traces them in order', () => {
    const s = scope();
    s.admit('entity/by-ids');
    s.admit('relation/by-entity-ids');
    s.admit('entity/by-ids');
    expect(s.trace).toEqual({ count: 3, names: ['entity/by-ids', 'relation/by-entity-ids', 'entity/by-ids'] });
    expect(s.signal.aborted).toBe(false);
  });

  it('refuses the statement past MAX_REQUEST_STATEMENTS, aborts the signal, and refuses every later one', () => {
    const s = scope();
    for (let i = 0; i < 3; i++) s.admit('entity/by-ids');
    const err = thrown(() => s.admit('graph/paths'));
    expect(err.extensions).toMatchObject({ code: 'REQUEST_BUDGET_EXCEEDED', limit: 3 });
    expect(err.message).toMatch(/^The request needs more than 3 database statements \(MAX_REQUEST_STATEMENTS\)\./);
    expect(s.signal.aborted).toBe(true);
    expect(s.signal.reason).toBe(err);
    expect(thrown(() => s.admit('entity/by-ids'))).toBe(err);
    expect(s.trace.count).toBe(3);
  });

  it('refuses the next statement once the database time is spent', () => {
    const s = scope();
    s.admit('graph/paths');
    s.spent(60);
    s.admit('graph/paths');
    s.spent(60);
    const err = thrown(() => s.admit('graph/paths'));
    expect(err.extensions).toMatchObject({ code: 'REQUEST_BUDGET_EXCEEDED', limit: 100 });
    expect(err.message).toContain('MAX_REQUEST_DB_MS');
  });

  it('keeps the first failure: later ones change nothing', () => {
    const s = scope();
    const first = apiError('first', 'QUERY_TIMEOUT');
    s.fail(first);
    s.fail(apiError('second', 'REQUEST_CANCELLED'));
    expect(s.failure).toBe(first);
    expect(s.signal.reason).toBe(first);
    expect(thrown(() => s.admit('entity/by-ids'))).toBe(first);
  });

  it('aborts its signal with QUERY_TIMEOUT when the deadline passes', async () => {
    vi.useFakeTimers();
    const s = scope({ ...budget, deadlineMs: 250 });
    await vi.advanceTimersByTimeAsync(249);
    expect(s.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(s.signal.aborted).toBe(true);
    expect(s.failure?.extensions).toMatchObject({ code: 'QUERY_TIMEOUT', http: { status: 504 } });
    expect(s.failure?.message).toMatch(/^The request ran longer than the 250 ms the server allows \(REQUEST_DEADLINE_MS\)\./);
  });

  it('counts the deadline from when the request arrived (startedAt), not from when the scope was made', async () => {
    vi.useFakeTimers();
    const arrived = Date.now();
    await vi.advanceTimersByTimeAsync(200); // hooks before the context: the response cache's version wait
    const s = new RequestScope({ ...budget, deadlineMs: 250 }, undefined, undefined, arrived);
    scopes.push(s);
    await vi.advanceTimersByTimeAsync(49);
    expect(s.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(s.failure?.extensions).toMatchObject({ code: 'QUERY_TIMEOUT' });
    // Made after its deadline already passed: fails at once, and the message names the whole deadline.
    const late = new RequestScope({ ...budget, deadlineMs: 250 }, undefined, undefined, Date.now() - 1_000);
    scopes.push(late);
    await vi.advanceTimersByTimeAsync(0);
    expect(late.failure?.message).toMatch(/250 ms the server allows/);
  });

  it('has no deadline any more once disposed', async () => {
    vi.useFakeTimers();
    const s = scope({ ...budget, deadlineMs: 250 });
    s.dispose();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(s.signal.aborted).toBe(false);
  });

  it('aborts with REQUEST_CANCELLED when the client goes away', () => {
    const client = new AbortController();
    const s = scope(budget, client.signal);
    expect(s.signal.aborted).toBe(false);
    client.abort();
    expect(s.signal.aborted).toBe(true);
    expect(s.failure?.extensions).toMatchObject({ code: 'REQUEST_CANCELLED', http: { status: 499 } });
    expect(thrown(() => s.admit('entity/by-ids')).extensions.code).toBe('REQUEST_CANCELLED');
  });

  it('starts cancelled for a client that already left', () => {
    const s = scope(budget, AbortSignal.abort());
    expect(s.failure?.extensions.code).toBe('REQUEST_CANCELLED');
  });

  it('a budget failure is not replaced by the client leaving afterwards', () => {
    const client = new AbortController();
    const s = scope({ ...budget, maxStatements: 0 }, client.signal);
    const err = thrown(() => s.admit('entity/by-ids'));
    client.abort();
    expect(s.failure).toBe(err);
    expect(err.extensions.code).toBe('REQUEST_BUDGET_EXCEEDED');
  });

  it('runs at most `maxParallel` statements of one request at once: the others wait their turn, in order', async () => {
    const s = scope({ ...budget, maxStatements: 10, maxParallel: 2 });
    const started: number[] = [];
    const leaves = [0, 1, 2, 3].map((i) =>
      s.enter('search/names').then((leave) => {
        started.push(i);
        return leave;
      }),
    );
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1]);
    (await leaves[0])?.();
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1, 2]);
    (await leaves[1])?.();
    (await leaves[2])?.();
    (await leaves[3])?.();
    expect(started).toEqual([0, 1, 2, 3]);
    expect(s.trace.count).toBe(4); // each counted against the budget when it asked, waiting or not
  });

  it('lets 4 statements of a request run at once when its budget does not say', async () => {
    const s = scope({ ...budget, maxStatements: 10 });
    let running = 0;
    const all = Array.from({ length: 6 }, () => s.enter('entity/by-ids').then(() => (running += 1)));
    await new Promise((r) => setImmediate(r));
    expect(running).toBe(4);
    s.dispose();
    void all;
  });

  it("ends the wait of a queued statement with the request's failure", async () => {
    const client = new AbortController();
    const s = scope({ ...budget, maxParallel: 1 }, client.signal);
    await s.enter('graph/paths');
    const waiting = s.enter('graph/paths');
    client.abort();
    await expect(waiting).rejects.toMatchObject({ extensions: { code: 'REQUEST_CANCELLED' } });
  });

  it('refuses the statement past the budget in `enter` as in `admit`, without waiting', async () => {
    const s = scope({ ...budget, maxStatements: 1, maxParallel: 1 });
    await s.enter('graph/paths');
    await expect(s.enter('graph/paths')).rejects.toMatchObject({ extensions: { code: 'REQUEST_BUDGET_EXCEEDED', limit: 1 } });
  });

  it('answers QUERY_TIMEOUT to a statement that waited for a slot until the deadline', async () => {
    vi.useFakeTimers();
    const s = scope({ ...budget, deadlineMs: 300, maxParallel: 1 });
    await s.enter('graph/paths');
    const waiting = s.enter('graph/paths');
    const seen = expect(waiting).rejects.toMatchObject({ extensions: { code: 'QUERY_TIMEOUT' } });
    await vi.advanceTimersByTimeAsync(300);
    await seen;
  });
});
