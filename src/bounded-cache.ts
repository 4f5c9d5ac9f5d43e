import { LRUCache } from 'lru-cache';

/** What a cache reports (GET /health): entries, their estimated bytes, and the budget they stay within. */
export interface CacheSize {
  entries: number;
  bytes: number;
  maxBytes: number;
  /** An entry estimated above this is never stored (it would push out many small ones). */
  maxEntryBytes: number;
}

export interface BoundedCache<V> {
  get(key: string): V | undefined;
  /**
   * Stores unless the entry alone is over maxEntryBytes (then any older entry under the key goes too);
   * evicts the least recently used until within budget. With ttlMs, the entry expires (and its memory is
   * freed even when nobody asks again, when the cache was made with autopurge).
   */
  set(key: string, value: V, ttlMs?: number): void;
  clear(): void;
  size(): CacheSize;
}

/** An entry costs at least this much beyond what sizeOf counts: the cache's own node, key slot and map entry. */
export const ENTRY_OVERHEAD_BYTES = 128;

/** Bytes a JS string takes on V8's heap: one byte a character when all are Latin-1, else two. */
export function stringBytes(s: string): number {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the Latin-1 range is the point
  return /[^\u0000-\u00ff]/.test(s) ? s.length * 2 : s.length;
}

/**
 * A least-recently-used cache bounded by bytes (lru-cache's maxSize): `sizeOf` estimates each entry
 * (value and key), the total never exceeds `maxBytes`, and an entry estimated above `maxEntryBytes` is
 * refused. Keys are strings in a Map, never properties of an object, so any text is a safe key.
 */
export function boundedCache<V extends {}>(opts: {
  maxBytes: number;
  maxEntryBytes: number;
  sizeOf: (value: V, key: string) => number;
  /** Drop expired entries on a timer rather than on the next read. */
  autopurge?: boolean;
}): BoundedCache<V> {
  const maxBytes = Math.max(1, opts.maxBytes);
  const maxEntryBytes = Math.max(1, Math.min(opts.maxEntryBytes, maxBytes));
  const lru = new LRUCache<string, V>({
    maxSize: maxBytes,
    maxEntrySize: maxEntryBytes,
    sizeCalculation: (value, key) => Math.max(1, Math.ceil(opts.sizeOf(value, key) + ENTRY_OVERHEAD_BYTES)),
    ttlAutopurge: opts.autopurge ?? false,
  });
  return {
    get: (key) => lru.get(key),
    set: (key, value, ttlMs) => {
      lru.set(key, value, ttlMs !== undefined && Number.isFinite(ttlMs) && ttlMs > 0 ? { ttl: ttlMs } : {});
    },
    clear: () => lru.clear(),
    size: () => ({ entries: lru.size, bytes: lru.calculatedSize, maxBytes, maxEntryBytes }),
  };
}
