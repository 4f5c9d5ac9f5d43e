import neo4j, { type Driver } from 'neo4j-driver';
import type { Queries, QueryName } from './cypher.js';
import { mapNeo4jError } from './errors.js';
import { toPlain } from './values.js';

/** Counts the round-trips of one request, for the trace extension and the loader tests. */
export interface QueryTrace {
  count: number;
  names: QueryName[];
}

/**
 * Read access for the API: named statements only, READ routing (so a cluster routes them to readers,
 * and a write would fail), a timeout on every transaction, rows converted to plain JS.
 */
export class Db {
  constructor(
    private readonly driver: Driver,
    private readonly queries: Queries,
    private readonly options: { database: string; timeoutMs: number },
    private readonly trace?: QueryTrace,
  ) {}

  /** A view of this Db that records every round-trip in `trace`. */
  traced(trace: QueryTrace): Db {
    return new Db(this.driver, this.queries, this.options, trace);
  }

  async read<Row>(name: QueryName, params: Record<string, unknown> = {}): Promise<Row[]> {
    const text = this.queries.get(name);
    if (!text) throw new Error(`unknown query ${name}`);
    if (this.trace) {
      this.trace.count += 1;
      this.trace.names.push(name);
    }
    // An auto-commit transaction in a READ session: about half the work of executeQuery's managed
    // transaction (no BEGIN/COMMIT), still routed to readers and refused any write by the server.
    const session = this.driver.session({ database: this.options.database, defaultAccessMode: neo4j.session.READ });
    try {
      const result = await session.run(text, params, { timeout: this.options.timeoutMs });
      return result.records.map((r) => toPlain(r.toObject()) as Row);
    } catch (err) {
      throw mapNeo4jError(err);
    } finally {
      await session.close();
    }
  }
}
