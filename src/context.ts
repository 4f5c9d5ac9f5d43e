import type { Db, QueryTrace } from './db/read.js';
import { createLoaders, type Loaders } from './loaders/index.js';

export interface Context {
  db: Db;
  loaders: Loaders;
  /** Round-trips this request made; returned in `extensions.trace` when the client asks (header x-trace: 1). */
  trace: QueryTrace;
}

/** A fresh context per request: loaders must never share a cache across requests. */
export function createContext(db: Db): Context {
  const trace: QueryTrace = { count: 0, names: [] };
  const traced = db.traced(trace);
  return { db: traced, loaders: createLoaders(traced), trace };
}
