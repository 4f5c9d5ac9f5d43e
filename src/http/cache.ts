import { type Cache, hashSHA256, useResponseCache } from '@graphql-yoga/plugin-response-cache';
import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { AppState } from '../app-state.js';
import { type BoundedCache, boundedCache, type CacheSize, stringBytes } from '../bounded-cache.js';
import { readGraphVersion, UNSEEDED } from '../graph-version.js';

export interface ResponseCacheOptions {
  /** How long a result stays cached, and the max-age of GET responses. */
  ttlSeconds: number;
  /** How long a read of the graph version is trusted before the Meta node is asked again. */
  versionCheckMs?: number;
  /** The cached answers' budget (RESPONSE_CACHE_MB); an answer above 1/16 of it is not cached. */
  maxBytes: number;
}

/**
 * The cache behind the plugin, bounded by bytes: each answer is kept as its JSON text, so its size is known
 * exactly (an object graph costs several times its JSON and cannot be measured), and parsed again on a hit.
 * The plugin's in-memory cache counted entries (1,000 answers of any size). Expired answers are dropped on a
 * timer, so an idle server gives their memory back. There are no mutations, so invalidation by entity never
 * comes; should it, everything goes (always safe for a cache).
 */
export function boundedResponseCache(maxBytes: number): Cache & { clear(): void; size(): CacheSize } {
  const answers: BoundedCache<string> = boundedCache<string>({
    maxBytes,
    maxEntryBytes: Math.floor(maxBytes / 16),
    sizeOf: (json, key) => stringBytes(json) + stringBytes(key),
    autopurge: true,
  });
  return {
    get: (key) => {
      const json = answers.get(key);
      return json === undefined ? null : (JSON.parse(json) as ExecutionResult);
    },
    set: (key, result, _entities, ttl) => answers.set(key, JSON.stringify(result), ttl),
    invalidate: () => answers.clear(),
    clear: () => answers.clear(),
    size: () => answers.size(),
  };
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

/** True when an If-None-Match header lists `etag` (weak comparison, RFC 9110 §13.1.2) or is `*`. */
export function noneMatchHits(header: string | null, etag: string): boolean {
  if (!header) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}

/**
 * Server-side response cache with ETag and Cache-Control (graphql-yoga's response cache plugin), plus
 * `Cache-Control: public, max-age=<ttl>` on successful GET responses. The data is public, so
 * there is one cache for everyone (no session). Requests that ask for a trace (x-trace: 1) bypass it,
 * since their answer depends on the database round-trips.
 *
 * Conditional requests are answered here, not by the plugin: it answered 304 to any request, POST included,
 * whose If-None-Match named ANY cached answer, so a GET for variables B with the ETag of A's answer was told
 * to reuse A. Now a 304 comes only for GET and HEAD, and only when If-None-Match matches the ETag of this
 * request's own answer (computed, usually from the cache, as for a 200).
 */
export function useCache(state: AppState, options: ResponseCacheOptions, inner = boundedResponseCache(options.maxBytes)): Plugin[] {
  const graphVersion = versionTracker(state, options.versionCheckMs ?? 5_000, () => inner.clear());
  // Reads check the version first, so an answer is never served from an older graph.
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
  const responseCache = useResponseCache({
    session: () => null,
    ttl: options.ttlSeconds * 1000,
    cache,
    enabled,
    buildResponseCacheKey: async ({ documentString, variableValues, operationName }) =>
      hashSHA256([await graphVersion(), documentString, operationName ?? '', JSON.stringify(variableValues ?? {})].join('|')),
  });
  // The plugin's own If-None-Match check (see above) is left out.
  const { onRequest: _anyCachedAnswer, ...withoutConditional } = responseCache;

  return [
    withoutConditional,
    {
      onResultProcess({ request, result }) {
        if ((request.method !== 'GET' && request.method !== 'HEAD') || Array.isArray(result) || Symbol.asyncIterator in result) return;
        if (!(result as { errors?: unknown[] }).errors?.length) succeeded.add(request);
      },
      onResponse({ request, response, setResponse }) {
        const raw = response.headers.get('etag');
        // The plugin writes its key bare; an entity tag is quoted (RFC 9110 §8.8.3).
        const etag = raw && !raw.endsWith('"') ? `"${raw}"` : raw;
        if (raw && etag) response.headers.set('etag', etag);
        if (!succeeded.has(request) || response.status !== 200) return;
        response.headers.set('Cache-Control', `public, max-age=${options.ttlSeconds}`);
        if (etag && noneMatchHits(request.headers.get('if-none-match'), etag)) {
          const headers = new Headers({ etag, 'cache-control': `public, max-age=${options.ttlSeconds}` });
          const lastModified = response.headers.get('last-modified');
          if (lastModified) headers.set('last-modified', lastModified);
          setResponse(new Response(null, { status: 304, headers }));
        }
      },
    },
  ];
}
