import { randomUUID } from 'node:crypto';
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
  /**
   * How long a request waits for a version read in progress before it goes on without the cache (default
   * VERSION_WAIT_MS). The read runs outside any request's deadline, so an unbounded wait added up to a whole
   * statement timeout before the request's own statements even started (22 s on a frozen Neo4j, against an
   * 11 s REQUEST_DEADLINE_MS).
   */
  versionWaitMs?: number;
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

/** The default of ResponseCacheOptions.versionWaitMs. */
export const VERSION_WAIT_MS = 1_000;

/** The start of a cache key built while the version was unknown (a hash key never has it). */
const UNKNOWN_KEY_PREFIX = 'unknown-version:';

/** What the tracker answers when the version is not known now: such a request neither reads nor fills the cache. */
export const VERSION_UNKNOWN = Symbol('graph version unknown');

/**
 * Tracks the seeded graph's version (the Meta node) so that cached results never outlive it: the
 * version is part of every cache key (and so of every ETag), and a new version empties the cache.
 * A request waits at most `waitMs` for a read in progress; past that (a frozen or restarting Neo4j) it gets
 * VERSION_UNKNOWN and goes on without the cache, within its own deadline. The read itself goes on and
 * serves the requests after it.
 */
export function versionTracker(
  state: Pick<AppState, 'db' | 'ready'>,
  options: { checkMs: number; waitMs: number },
  onChange: () => void,
): () => Promise<string | typeof VERSION_UNKNOWN> | string | typeof VERSION_UNKNOWN {
  let current = 'unknown';
  let checkedAt = 0;
  let pending: Promise<string> | undefined;
  return () => {
    if (!state.db || !state.ready) return 'not-ready';
    if (Date.now() - checkedAt < options.checkMs) return current;
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
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<typeof VERSION_UNKNOWN>((resolve) => {
      timer = setTimeout(() => resolve(VERSION_UNKNOWN), options.waitMs);
      timer.unref();
    });
    return Promise.race([pending, late]).finally(() => clearTimeout(timer));
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
  const graphVersion = versionTracker(
    state,
    { checkMs: options.versionCheckMs ?? 5_000, waitMs: options.versionWaitMs ?? VERSION_WAIT_MS },
    () => inner.clear(),
  );
  // Keys built while the version is unknown (UNKNOWN_KEY_PREFIX) are never read and never filled: an answer
  // must not outlive its graph. The mark is in the key itself, so nothing is remembered per request.
  const bypass = (key: string) => key.startsWith(UNKNOWN_KEY_PREFIX);
  // Reads check the version first, so an answer is never served from an older graph.
  const cache: Cache = {
    get: async (key) => {
      if (bypass(key) || (await graphVersion()) === VERSION_UNKNOWN) return null;
      return inner.get(key);
    },
    set: (key, ...rest) => {
      if (bypass(key)) return;
      return inner.set(key, ...rest);
    },
    invalidate: (...args) => inner.invalidate(...args),
  };
  const enabled = (request: Request) => request.headers.get('x-trace') !== '1';
  const succeeded = new WeakSet<Request>();
  const responseCache = useResponseCache({
    session: () => null,
    ttl: options.ttlSeconds * 1000,
    cache,
    enabled,
    buildResponseCacheKey: async ({ documentString, variableValues, operationName }) => {
      const version = await graphVersion();
      if (version === VERSION_UNKNOWN) {
        // A key no other request shares (so no 304 either), marked so that its answer is not stored.
        return `${UNKNOWN_KEY_PREFIX}${randomUUID()}`;
      }
      return hashSHA256([version, documentString, operationName ?? '', JSON.stringify(variableValues ?? {})].join('|'));
    },
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
