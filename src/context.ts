import type { Db } from './db/read.js';
import { type QueryTrace, type RequestBudget, RequestScope } from './db/scope.js';
import type { NewShapeBudget } from './db/shapes.js';
import { createLoaders, type Loaders } from './loaders/index.js';

export interface Context {
  db: Db;
  loaders: Loaders;
  /** Round-trips this request made; returned in `extensions.trace` when the client asks (header x-trace: 1). */
  trace: QueryTrace;
  /** The request's database budget, deadline and cancellation (see src/db/scope.ts). */
  scope: RequestScope;
}

/** A fresh context per request: loaders never share a cache across requests, and each request has its own budget. */
export function createContext(
  db: Db,
  budget: RequestBudget,
  signal?: AbortSignal,
  shapes?: { budget: NewShapeBudget; client: string },
  startedAt?: number,
): Context {
  const scope = new RequestScope(budget, signal, shapes, startedAt);
  const scoped = db.forRequest(scope);
  return { db: scoped, loaders: createLoaders(scoped), trace: scope.trace, scope };
}
