import { type Cache, createInMemoryCache, hashSHA256, useResponseCache } from '@graphql-yoga/plugin-response-cache';
import type { Plugin } from 'graphql-yoga';
import type { AppState } from '../app-state.js';
import { readGraphVersion, UNSEEDED } from '../graph-version.js';

export interface ResponseCacheOptions {
  /** How long a result stays cached, and the max-age of GET responses. */
  ttlSeconds: number;
  /** How long a read of the graph version is trusted before the Meta node is asked again. */
  versionCheckMs?: number;
}

/**
 * Tracks the seeded graph's version (the Meta node) so that cached results never outlive it: the
 * version is part of every cache key (and so of every ETag), and a new version empties the cache.
 */
function versionTracker(state: AppState, checkMs: number, onChange: () => void) {
  let current = 'unknown';
  let checkedAt = 0;
  let pending: Promise<string> | undefined;
  return (): Promise<string> | string => {
    if (!state.db || !state.ready) return 'not-ready';
    if (Date.now() - checkedAt < checkMs) return current;
    pending ??= readGraphVersion(state.db)
      .then((v) => v?.version ?? UNSEEDED)
      .catch(() => 'unavailable')
      .then((version) => {
        if (version !== current) onChange();
        current = version;
        checkedAt = Date.now();
        pending = undefined;
        return version;
      });
    return pending;
  };
}

/**
 * Server-side response cache with ETag / If-None-Match → 304 (graphql-yoga's response cache plugin),
 * plus `Cache-Control: public, max-age=<ttl>` on successful GET responses. The data is public, so
 * there is one cache for everyone (no session). Requests that ask for a trace (x-trace: 1) bypass it,
 * since their answer depends on the database round-trips.
 */
export function useCache(state: AppState, options: ResponseCacheOptions): Plugin[] {
  let inner = createInMemoryCache();
  const graphVersion = versionTracker(state, options.versionCheckMs ?? 5_000, () => {
    inner = createInMemoryCache();
  });
  // Reads check the version first, so a 304 is never answered from an older graph.
  const cache: Cache = {
    get: async (key) => {
      await graphVersion();
      return inner.get(key);
    },
    set: (...args) => inner.set(...args),
    invalidate: (...args) => inner.invalidate(...args),
  };
  const enabled = (request: Request) => request.headers.get('x-trace') !== '1';
  const succeeded = new WeakSet<Request>();

  return [
    useResponseCache({
      session: () => null,
      ttl: options.ttlSeconds * 1000,
      cache,
      enabled,
      buildResponseCacheKey: async ({ documentString, variableValues, operationName }) =>
        hashSHA256([await graphVersion(), documentString, operationName ?? '', JSON.stringify(variableValues ?? {})].join('|')),
    }),
    {
      onResultProcess({ request, result }) {
        if (request.method !== 'GET' || Array.isArray(result) || Symbol.asyncIterator in result) return;
        if (!(result as { errors?: unknown[] }).errors?.length) succeeded.add(request);
      },
      onResponse({ request, response }) {
        if ((succeeded.has(request) && response.status === 200) || (request.method === 'GET' && response.status === 304))
          response.headers.set('Cache-Control', `public, max-age=${options.ttlSeconds}`);
      },
    },
  ];
}
