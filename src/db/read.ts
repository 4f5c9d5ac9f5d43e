import neo4j, { type Driver, type Session } from 'neo4j-driver';
import { apiError } from '../errors.js';
import { AdmissionError, HEAVY_QUERIES, Lane } from './admission.js';
import type { Queries, QueryName } from './cypher.js';
import { mapNeo4jError } from './errors.js';
import type { QueryRows, TypedQuery } from './rows.js';
import type { RequestScope } from './scope.js';
import { toPlain } from './values.js';

export type { QueryTrace } from './scope.js';

export interface DbOptions {
  database: string;
  /** Server-side timeout of every transaction (QUERY_TIMEOUT_MS); the client gives up 1 s after it. */
  timeoutMs: number;
  /** Heavy statements (HEAVY_QUERIES) that may run at once, server-wide (MAX_HEAVY_STATEMENTS). */
  heavySlots?: number;
  /** Other statements that may run at once; keeps connections free for /ready (pool: 100). */
  cheapSlots?: number;
  /** How long a statement waits for a slot before the request gets SERVER_BUSY (ADMISSION_WAIT_MS). */
  admissionWaitMs?: number;
}

/** A template with every `{{key}}` replaced by `fill`'s text; a key without text is a programming error. */
export function fillTemplate(template: string, fill: ReadonlyMap<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_m, key: string) => {
    const text = fill.get(key);
    if (text === undefined) throw new Error(`no text for {{${key}}}`);
    return text;
  });
}

/**
 * session.run with no call-site stack captured. neo4j-driver's Result records `new Error().stack` on every
 * statement (to splice the caller's frames into a later error); formatting that stack is costly, most of
 * all with source maps on (tsx turns them on): 7 % of this process's CPU under load, the largest single
 * item of the profile. The Result is built synchronously inside run(), so the limit is 0 only for that
 * call. What is lost: a driver error's stack shows the driver's frames, not ours; its message and code
 * (all that mapNeo4jError and the log use) are unchanged.
 */
function runWithoutStack(session: Session, text: string, params: Record<string, unknown>, timeout: number) {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return session.run(text, params, { timeout });
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** How long after the server-side timeout the client stops waiting (a frozen Neo4j never answers). */
const CLIENT_GRACE_MS = 1_000;

interface Lanes {
  heavy: Lane;
  cheap: Lane;
}

/**
 * Read access for the API: named statements only, READ routing (a cluster routes them to readers, and a
 * write fails), rows converted to plain JS. Bounded three ways: admission lanes (heavy statements cannot
 * take every core and connection), a server-side timeout plus a client-side deadline on every statement
 * (a frozen Neo4j yields QUERY_TIMEOUT, not a hang), and, through a RequestScope, the request's budget and
 * its AbortSignal (a client that leaves cancels its running statements).
 */
export class Db {
  private readonly lanes: Lanes;

  constructor(
    private readonly driver: Driver,
    private readonly queries: Queries,
    private readonly options: DbOptions,
    private readonly scope?: RequestScope,
    lanes?: Lanes,
  ) {
    this.lanes = lanes ?? {
      heavy: new Lane(options.heavySlots ?? 2, 256),
      cheap: new Lane(options.cheapSlots ?? 64, 1024),
    };
  }

  /** This Db for one request: statements count against its budget and stop when its signal fires. */
  forRequest(scope: RequestScope): Db {
    return new Db(this.driver, this.queries, this.options, scope, this.lanes);
  }

  /** Slots in use and waiting, per lane (for /health). */
  load() {
    const { heavy, cheap } = this.lanes;
    return { heavy: { inUse: heavy.inUse, queued: heavy.queued }, cheap: { inUse: cheap.inUse, queued: cheap.queued } };
  }

  /** Runs a statement whose row type is declared in src/db/rows.ts (every statement of the API's resolvers). */
  query<N extends TypedQuery>(name: N, params: Record<string, unknown> = {}, fill?: ReadonlyMap<string, string>): Promise<QueryRows[N][]> {
    return this.read<QueryRows[N]>(name, params, fill);
  }

  /**
   * Runs the named statement. `fill` completes a template of cypher/translate/: each `{{key}}` becomes the
   * text the translate layer generated for it (projections and ORDER BY keys built from the schema and
   * enum values only, never from client text, which always travels as parameters).
   */
  async read<Row>(name: QueryName, params: Record<string, unknown> = {}, fill?: ReadonlyMap<string, string>): Promise<Row[]> {
    const template = this.queries.get(name);
    if (!template) throw new Error(`unknown query ${name}`);
    const text = fill ? fillTemplate(template, fill) : template;
    const scope = this.scope;
    if (fill) scope?.admitText(text);
    const leave = scope ? await scope.enter(name) : () => {};
    const signal = scope?.signal;
    let release: () => void;
    try {
      release = await this.admission(name, signal);
    } catch (err) {
      leave();
      throw err;
    }
    const started = performance.now();
    // An auto-commit transaction in a READ session: about half the work of executeQuery's managed
    // transaction (no BEGIN/COMMIT), still routed to readers and refused any write by the server.
    const session = this.driver.session({ database: this.options.database, defaultAccessMode: neo4j.session.READ });
    let settled = false;
    try {
      const records = await this.untilDone(runWithoutStack(session, text, params, this.options.timeoutMs), session, signal);
      settled = true;
      return records.map((r) => toPlain(r.toObject()) as Row);
    } catch (err) {
      throw mapNeo4jError(err);
    } finally {
      release();
      leave();
      scope?.spent(performance.now() - started);
      // Closing a session with a statement still running sends RESET: Neo4j stops the work. When the
      // database is frozen that never answers, so only a finished statement's close is awaited.
      if (settled) await session.close();
      else void session.close().catch(() => {});
    }
  }

  private async admission(name: QueryName, signal?: AbortSignal): Promise<() => void> {
    const lane = HEAVY_QUERIES.has(name) ? this.lanes.heavy : this.lanes.cheap;
    const waitMs = this.options.admissionWaitMs ?? 5_000;
    try {
      return await lane.acquire(waitMs, signal);
    } catch (err) {
      if (!(err instanceof AdmissionError)) throw err;
      if (err.reason === 'aborted' && signal?.reason) throw signal.reason;
      throw apiError(
        `The server is busy with other expensive requests (paths, neighbourhoods, exports): none could start within ${waitMs} ms. Retry in a few seconds, or ask for less.`,
        'SERVER_BUSY',
        {},
        { stopsRequest: true },
      );
    }
  }

  /** The statement's records, or a coded error when the client deadline passes or the request is aborted. */
  private untilDone<T>(run: PromiseLike<{ records: T[] }>, session: Session, signal?: AbortSignal): Promise<T[]> {
    return new Promise<T[]>((resolve, reject) => {
      const cancel = (error: unknown) => {
        cleanup();
        void session.close().catch(() => {});
        reject(error);
      };
      const timer = setTimeout(
        () =>
          cancel(
            apiError(
              'The graph database did not answer in time (QUERY_TIMEOUT_MS). Ask for less (lower `first`, `depth` or `maxLength`), or retry shortly.',
              'QUERY_TIMEOUT',
            ),
          ),
        this.options.timeoutMs + CLIENT_GRACE_MS,
      );
      timer.unref();
      const onAbort = () => cancel(signal?.reason);
      const cleanup = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      run.then(
        (result) => {
          cleanup();
          resolve(result.records);
        },
        (err: unknown) => {
          cleanup();
          reject(err);
        },
      );
    });
  }
}
