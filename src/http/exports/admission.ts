import { setImmediate as nextTurn } from 'node:timers/promises';
import { AdmissionError, type Lane } from '../../db/admission.js';

/** Exports one client address may download at once (issue 22). */
export const EXPORTS_PER_CLIENT = 2;

/**
 * How long a download already under way waits for its next heavy slot. Its status line is sent, so it cannot
 * answer SERVER_BUSY any more: it waits longer than a new request would, then ends the body early.
 */
const MID_STREAM_WAIT_MS = 60_000;

/** Downloads under way per client address; `take` refuses past `perClient`. */
export class ClientSlots {
  private readonly open = new Map<string, number>();

  constructor(readonly perClient: number) {}

  /** A release function, or null when the address already holds `perClient` downloads. */
  take(address: string): (() => void) | null {
    const n = this.open.get(address) ?? 0;
    if (n >= this.perClient) return null;
    this.open.set(address, n + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(address) ?? 1) - 1;
      if (left <= 0) this.open.delete(address);
      else this.open.set(address, left);
    };
  }

  /** Downloads under way, all addresses together (for tests and /health). */
  get inUse(): number {
    let n = 0;
    for (const v of this.open.values()) n += v;
    return n;
  }
}

/** What an export needs to be admitted: the heavy-request lane GraphQL uses, its wait, and the per-client count. */
export interface ExportAdmission {
  /** The same Lane as useCostLimit's heavy requests (MAX_HEAVY_REQUESTS). */
  heavy: Lane;
  /** ADMISSION_WAIT_MS. */
  waitMs: number;
  clients: ClientSlots;
}

/**
 * The body of an admitted export. Each chunk is made (database page fetched, rows serialised) inside a slot
 * of the heavy lane, which is given back while the client reads: a slow reader holds its per-client slot,
 * never a server-wide one. Between chunks the event loop gets a turn (setImmediate), so a large download
 * never holds it for more than one chunk. `done` runs once when the body ends, fails or is cancelled.
 */
export function admittedBody(
  inner: ReadableStream<Uint8Array>,
  heavy: Lane,
  done: () => void,
  signal?: AbortSignal,
): ReadableStream<Uint8Array> {
  const reader = inner.getReader();
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    done();
  };
  // A client that goes away ends the download even if the body is never pulled or cancelled again.
  signal?.addEventListener('abort', finish, { once: true });
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let release: (() => void) | undefined;
      try {
        await nextTurn();
        release = await heavy.acquire(MID_STREAM_WAIT_MS, signal);
        const { value, done: end } = await reader.read();
        release();
        release = undefined;
        if (end) {
          finish();
          controller.close();
        } else controller.enqueue(value);
      } catch (err) {
        release?.();
        finish();
        void reader.cancel().catch(() => {});
        controller.error(err instanceof AdmissionError ? new Error(`export cut short: ${err.message}`) : err);
      }
    },
    async cancel(reason) {
      finish();
      await reader.cancel(reason);
    },
  });
}
