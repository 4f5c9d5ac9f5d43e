import { setMaxListeners } from 'node:events';
import type { GraphQLError } from 'graphql';
import { apiError } from '../errors.js';
import { Lane } from './admission.js';
import type { QueryName } from './cypher.js';
import type { NewShapeBudget } from './shapes.js';

/** Statements of one request running at once, unless its budget says otherwise. */
export const DEFAULT_PARALLEL_STATEMENTS = 4;

/** What one request may spend on the database, across all its fields and aliases. */
export interface RequestBudget {
  /** At most this many statements (MAX_REQUEST_STATEMENTS). */
  maxStatements: number;
  /** At most this much database time, summed over its statements (MAX_REQUEST_DB_MS). */
  maxDbMs: number;
  /** The request is cut off this long after it started, wherever it is (REQUEST_DEADLINE_MS). */
  deadlineMs: number;
  /**
   * At most this many of its statements run at once (default DEFAULT_PARALLEL_STATEMENTS, 4); the
   * others wait their turn inside the request. Thirty aliases would otherwise send sixty statements at
   * once, and their answers, arriving together, hold the event loop for every other client.
   */
  maxParallel?: number;
}

/** Counts the round-trips of one request, for the trace extension and the loader tests. */
export interface QueryTrace {
  count: number;
  names: QueryName[];
}

/**
 * The database side of one request: what it has spent, and one AbortSignal that fires when the client goes
 * away, the deadline passes or the budget runs out. Every statement of the request checks the budget first
 * and is cancelled (its transaction closed on the server) when the signal fires.
 */
export class RequestScope {
  readonly trace: QueryTrace = { count: 0, names: [] };
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private dbMs = 0;
  private readonly parallel: Lane;
  /** The error that ended the request early (budget, deadline, cancelled), when one did. */
  failure: GraphQLError | undefined;

  /**
   * @param startedAt when the request arrived (Date.now()): the deadline counts from there, so work before
   *   the context exists (reading the graph version for the response cache, parsing) is inside it too.
   */
  constructor(
    readonly budget: RequestBudget,
    clientSignal?: AbortSignal,
    /** The server's bound on new statement texts, and the client address this request came from. */
    private readonly shapes?: { budget: NewShapeBudget; client: string },
    startedAt: number = Date.now(),
  ) {
    this.timer = setTimeout(() => this.fail(this.deadlineError()), Math.max(0, budget.deadlineMs - (Date.now() - startedAt)));
    this.timer.unref();
    this.parallel = new Lane(Math.max(1, budget.maxParallel ?? DEFAULT_PARALLEL_STATEMENTS), budget.maxStatements);
    // Every running or waiting statement of the request listens on the signal (waiting for a slot of the
    // request, then of the server's lane, then running): up to twice the statement budget.
    setMaxListeners(2 * budget.maxStatements + 10, this.controller.signal);
    if (clientSignal) {
      const onAbort = () =>
        this.fail(
          apiError('The client closed the request; its database work was cancelled.', 'REQUEST_CANCELLED', {}, { stopsRequest: true }),
        );
      if (clientSignal.aborted) onAbort();
      else clientSignal.addEventListener('abort', onAbort, { once: true });
    }
  }

  private deadlineError(): GraphQLError {
    return apiError(
      `The request ran longer than the ${this.budget.deadlineMs} ms the server allows (REQUEST_DEADLINE_MS). Ask for less: fewer aliases, lower \`first\`, \`depth\` or \`maxLength\`.`,
      'QUERY_TIMEOUT',
      {},
      { stopsRequest: true },
    );
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Ends the request's database work: later statements are refused, running ones cancelled. First failure wins. */
  fail(error: GraphQLError): void {
    if (this.failure) return;
    this.failure = error;
    this.controller.abort(error);
  }

  /** Called before each statement: throws when the request already failed or this statement is over budget. */
  admit(name: QueryName): void {
    if (this.failure) throw this.failure;
    if (this.trace.count >= this.budget.maxStatements)
      this.fail(
        apiError(
          `The request needs more than ${this.budget.maxStatements} database statements (MAX_REQUEST_STATEMENTS). Ask for fewer aliases or nested lists, or split it into several requests.`,
          'REQUEST_BUDGET_EXCEEDED',
          { limit: this.budget.maxStatements },
          { stopsRequest: true },
        ),
      );
    else if (this.dbMs > this.budget.maxDbMs)
      this.fail(
        apiError(
          `The request used more than ${this.budget.maxDbMs} ms of database time (MAX_REQUEST_DB_MS). Ask for fewer aliases, smaller pages or shorter paths, or split it.`,
          'REQUEST_BUDGET_EXCEEDED',
          { limit: this.budget.maxDbMs },
          { stopsRequest: true },
        ),
      );
    if (this.failure) throw this.failure;
    this.trace.count += 1;
    this.trace.names.push(name);
  }

  /**
   * Called before each statement, instead of `admit`: admits it against the budget, then waits for one of the
   * request's parallel slots; the returned function gives the slot back when the statement is done. The wait
   * ends early with the request's failure (deadline, budget, client gone).
   */
  async enter(name: QueryName): Promise<() => void> {
    this.admit(name);
    try {
      return await this.parallel.acquire(this.budget.deadlineMs, this.signal);
    } catch {
      // Aborted (the failure is set), or waited the whole deadline (its timer may not have fired yet).
      if (!this.failure) this.fail(this.deadlineError());
      throw this.failure;
    }
  }

  /**
   * Called before a statement whose text was generated (a filled template): when the text is new to the server
   * and the client has spent its budget of new texts, the request ends with TOO_MANY_NEW_SHAPES.
   */
  admitText(text: string): void {
    const refusal = this.shapes?.budget.admit(this.shapes.client, text);
    if (refusal) this.fail(refusal);
    if (this.failure) throw this.failure;
  }

  /** Called after each statement with the time it took. */
  spent(ms: number): void {
    this.dbMs += ms;
  }

  /** Stops the deadline timer; the request is over. */
  dispose(): void {
    clearTimeout(this.timer);
  }
}
