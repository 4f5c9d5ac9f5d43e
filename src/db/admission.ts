import type { QueryName } from './cypher.js';

/**
 * Statements whose cost grows with the graph around their arguments (path and neighbourhood searches, the
 * substring scan, export pages). They run in a lane of their own with a few slots, so that however many
 * clients send them, cheap look-ups and /ready still find Neo4j with cores and connections to spare.
 */
export const HEAVY_QUERIES: ReadonlySet<QueryName> = new Set<QueryName>([
  'graph/paths',
  'graph/paths-filtered',
  'graph/neighborhood',
  'graph/hubs',
  'search/contains',
  'line/phrase',
  'sentence/list',
  'export/entities',
  'export/relations',
  'export/metric-values',
]);

/** Why a statement could not get a slot: the lane stayed full for the whole wait, or the request went away. */
export class AdmissionError extends Error {
  override name = 'AdmissionError';
  constructor(readonly reason: 'busy' | 'aborted') {
    super(reason === 'busy' ? 'no slot free in time' : 'request aborted while waiting');
  }
}

/**
 * A counting semaphore with a bounded queue: `acquire` resolves with a release function once a slot is free,
 * or rejects when `waitMs` passes, the queue is full, or the signal aborts. FIFO, so no waiter starves.
 */
export class Lane {
  private active = 0;
  private readonly waiting: { grant: () => void; fail: (e: AdmissionError) => void }[] = [];

  constructor(
    readonly slots: number,
    readonly maxQueue: number,
  ) {}

  get inUse(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }

  acquire(waitMs: number, signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(new AdmissionError('aborted'));
    if (this.active < this.slots) {
      this.active += 1;
      return Promise.resolve(this.releaser());
    }
    if (this.waiting.length >= this.maxQueue) return Promise.reject(new AdmissionError('busy'));
    return new Promise((resolve, reject) => {
      const entry = {
        grant: () => {
          cleanup();
          resolve(this.releaser());
        },
        fail: (e: AdmissionError) => {
          cleanup();
          reject(e);
        },
      };
      const remove = () => {
        const at = this.waiting.indexOf(entry);
        if (at >= 0) this.waiting.splice(at, 1);
      };
      const timer = setTimeout(() => {
        remove();
        entry.fail(new AdmissionError('busy'));
      }, waitMs);
      const onAbort = () => {
        remove();
        entry.fail(new AdmissionError('aborted'));
      };
      const cleanup = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(entry);
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter: `active` stays the same.
      if (next) next.grant();
      else this.active -= 1;
    };
  }
}
