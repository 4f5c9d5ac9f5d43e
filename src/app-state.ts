import type { Db } from './db/read.js';

/** What the Neo4j supervisor knows (src/neo4j-local/supervisor.ts); absent with an external NEO4J_URI. */
export interface SupervisorStatus {
  state: 'starting' | 'running' | 'restarting' | 'stopped' | 'failed';
  restarts: number;
  pid?: number;
  lastExit?: { code: number | null; signal: string | null; at: string };
  nextAttemptAt?: string;
}

/** What the server knows about its database; the server fills it in as start-up proceeds. */
export interface AppState {
  db?: Db;
  /** True once Neo4j answers and the schema is applied (and the graph seeded). */
  ready: boolean;
  /** Set when the server is stopping: /ready answers 503 while requests in flight finish. */
  stopping?: boolean;
  /** HTTP requests being answered now, for /health. */
  requestsInFlight?: () => number;
  /** Checks that Neo4j answers now; used by /ready. */
  ping?: () => Promise<void>;
  /** The embedded Neo4j's supervisor, for /health. */
  supervisor?: () => SupervisorStatus;
}
