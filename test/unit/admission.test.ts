import { afterEach, describe, expect, it, vi } from 'vitest';
import { AdmissionError, Lane } from '../../src/db/admission.js';

/** Settles pending promise callbacks. */
const flush = () => new Promise<void>((r) => setImmediate(r));

/** What became of a pending acquire: 'waiting', 'granted' (with its release) or the rejection reason. */
function track(p: Promise<() => void>) {
  const state: { status: 'waiting' | 'granted' | 'busy' | 'aborted'; release?: () => void } = { status: 'waiting' };
  p.then(
    (release) => {
      state.status = 'granted';
      state.release = release;
    },
    (err: AdmissionError) => {
      state.status = err.reason;
    },
  );
  return state;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('Lane (src/db/admission.ts)', () => {
  it('grants free slots at once and counts them', async () => {
    const lane = new Lane(2, 10);
    const a = await lane.acquire(1_000);
    await lane.acquire(1_000);
    expect([lane.inUse, lane.queued]).toEqual([2, 0]);
    a();
    expect(lane.inUse).toBe(1);
  });

  it('queues when full and grants waiters first come, first served', async () => {
    const lane = new Lane(1, 10);
    const first = await lane.acquire(1_000);
    const waiters = [track(lane.acquire(1_000)), track(lane.acquire(1_000)), track(lane.acquire(1_000))];
    await flush();
    expect(waiters.map((w) => w.status)).toEqual(['waiting', 'waiting', 'waiting']);
    expect(lane.queued).toBe(3);

    first();
    await flush();
    expect(waiters.map((w) => w.status)).toEqual(['granted', 'waiting', 'waiting']);
    waiters[0]?.release?.();
    await flush();
    expect(waiters.map((w) => w.status)).toEqual(['granted', 'granted', 'waiting']);
    waiters[1]?.release?.();
    await flush();
    expect(waiters.map((w) => w.status)).toEqual(['granted', 'granted', 'granted']);
  });

  it('passes a released slot straight to the next waiter: never more in use than slots', async () => {
    const lane = new Lane(1, 10);
    const first = await lane.acquire(1_000);
    const next = track(lane.acquire(1_000));
    first();
    expect(lane.inUse).toBe(1);
    expect(lane.queued).toBe(0);
    // Someone arriving between the release and the waiter's turn must queue, not overtake.
    const late = track(lane.acquire(1_000));
    await flush();
    expect([next.status, late.status]).toEqual(['granted', 'waiting']);
    next.release?.();
    await flush();
    expect(late.status).toBe('granted');
    late.release?.();
    expect([lane.inUse, lane.queued]).toEqual([0, 0]);
  });

  it('ignores a second call of the same release', async () => {
    const lane = new Lane(2, 10);
    const a = await lane.acquire(1_000);
    await lane.acquire(1_000);
    a();
    a();
    expect(lane.inUse).toBe(1);
  });

  it('refuses at once as busy when the queue is full', async () => {
    const lane = new Lane(1, 2);
    await lane.acquire(1_000);
    const queued = [track(lane.acquire(1_000)), track(lane.acquire(1_000))];
    await expect(lane.acquire(1_000)).rejects.toMatchObject({ name: 'AdmissionError', reason: 'busy' });
    expect(queued.map((q) => q.status)).toEqual(['waiting', 'waiting']);
  });

  it('with no queue at all, refuses whatever finds the slots taken', async () => {
    const lane = new Lane(1, 0);
    await lane.acquire(1_000);
    await expect(lane.acquire(1_000)).rejects.toBeInstanceOf(AdmissionError);
  });

  it('gives up as busy when the wait passes, and leaves the queue', async () => {
    vi.useFakeTimers();
    const lane = new Lane(1, 10);
    const held = await lane.acquire(50);
    const waiter = track(lane.acquire(50));
    await vi.advanceTimersByTimeAsync(49);
    expect(waiter.status).toBe('waiting');
    await vi.advanceTimersByTimeAsync(1);
    expect(waiter.status).toBe('busy');
    expect(lane.queued).toBe(0);
    held();
    expect(lane.inUse).toBe(0);
  });

  it('gives up as aborted when the signal fires while waiting, and leaves the queue', async () => {
    const lane = new Lane(1, 10);
    const held = await lane.acquire(60_000);
    const controller = new AbortController();
    const waiter = track(lane.acquire(60_000, controller.signal));
    const other = track(lane.acquire(60_000));
    controller.abort();
    await flush();
    expect(waiter.status).toBe('aborted');
    expect(lane.queued).toBe(1);
    held();
    await flush();
    expect(other.status).toBe('granted');
  });

  it('refuses an already aborted signal without taking a slot', async () => {
    const lane = new Lane(1, 10);
    await expect(lane.acquire(1_000, AbortSignal.abort())).rejects.toMatchObject({ reason: 'aborted' });
    expect(lane.inUse).toBe(0);
  });

  it('says why in its message', () => {
    expect(new AdmissionError('busy').message).toBe('no slot free in time');
    expect(new AdmissionError('aborted').message).toBe('request aborted while waiting');
  });
});
