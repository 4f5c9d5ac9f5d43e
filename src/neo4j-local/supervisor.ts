import type { SupervisorStatus } from '../app-state.js';
import { freePort, type LocalNeo4j, type LocalNeo4jOptions, startLocalNeo4j } from './index.js';

export interface SupervisorOptions extends LocalNeo4jOptions {
  /** First wait before a restart; doubles per failed attempt up to maxBackoffMs. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** A Neo4j that ran this long counts as healthy again: the next restart starts from the initial wait. */
  stableAfterMs?: number;
}

/**
 * Keeps the embedded Neo4j running: when it exits without being asked to (killed, crashed, out of
 * memory), starts it again on the same port and data folder, with exponential backoff, and logs each step.
 * Clients keep their bolt:// URI; the driver reconnects by itself, and /ready returns to 200.
 */
export class Neo4jSupervisor {
  private current: LocalNeo4j | undefined;
  private stopping = false;
  private timer: NodeJS.Timeout | undefined;
  private status: SupervisorStatus = { state: 'starting', restarts: 0 };
  private failures = 0;
  private port = 0;

  constructor(
    private readonly options: SupervisorOptions,
    private readonly log: (msg: string) => void = () => {},
  ) {}

  /** Starts Neo4j the first time; a failure here is returned to the caller (start-up fails with its message). */
  async start(): Promise<{ uri: string; pid: number }> {
    this.port = this.options.port ?? (await freePort());
    const neo4j = await startLocalNeo4j({ ...this.options, port: this.port });
    this.watch(neo4j);
    return { uri: neo4j.uri, pid: neo4j.pid };
  }

  state(): SupervisorStatus {
    return { ...this.status };
  }

  /** The pid of the Neo4j running now, if any (tests kill it). */
  get pid(): number | undefined {
    return this.current?.pid;
  }

  /** Stops Neo4j (SIGKILL after `graceMs`) and any restart in progress. */
  async stop(graceMs?: number): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    this.status = { ...this.status, state: 'stopped', nextAttemptAt: undefined };
    await this.current?.stop(graceMs);
  }

  private watch(neo4j: LocalNeo4j): void {
    this.current = neo4j;
    const startedAt = Date.now();
    this.status = { ...this.status, state: 'running', pid: neo4j.pid, nextAttemptAt: undefined };
    void neo4j.exited.then(({ code, signal }) => {
      if (this.current === neo4j) this.current = undefined;
      if (this.stopping) return;
      if (Date.now() - startedAt > (this.options.stableAfterMs ?? 60_000)) this.failures = 0;
      this.status = { ...this.status, lastExit: { code, signal, at: new Date().toISOString() }, pid: undefined };
      this.log(`local Neo4j (pid ${neo4j.pid}) exited unexpectedly (code ${code}, signal ${signal}); restarting it`);
      this.schedule();
    });
  }

  private schedule(): void {
    const base = this.options.initialBackoffMs ?? 500;
    const wait = Math.min(base * 2 ** this.failures, this.options.maxBackoffMs ?? 30_000);
    this.status = { ...this.status, state: 'restarting', nextAttemptAt: new Date(Date.now() + wait).toISOString() };
    this.timer = setTimeout(() => void this.restart(), wait);
    this.timer.unref();
  }

  private async restart(): Promise<void> {
    if (this.stopping) return;
    this.status = { ...this.status, restarts: this.status.restarts + 1 };
    const started = Date.now();
    try {
      const neo4j = await startLocalNeo4j({ ...this.options, port: this.port });
      if (this.stopping) {
        await neo4j.stop();
        return;
      }
      this.log(`local Neo4j restarted (pid ${neo4j.pid}) in ${Date.now() - started} ms`);
      this.watch(neo4j);
    } catch (err) {
      this.failures += 1;
      this.log(`restarting the local Neo4j failed (attempt ${this.status.restarts}): ${(err as Error).message}`);
      if (!this.stopping) this.schedule();
    }
  }
}
