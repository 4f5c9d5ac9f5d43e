import { type BoundedCache, boundedCache, type CacheSize, stringBytes } from '../bounded-cache.js';
import { genericToSimplified, toSimplified } from './chinese.js';

/** Texts longer than this are folded every time: names are short, and a long query text is seldom asked twice. */
export const MAX_CACHED_NAME_CHARS = 256;

const namesCache = (maxBytes: number) =>
  boundedCache<string>({ maxBytes, maxEntryBytes: maxBytes, sizeOf: (key, raw) => stringBytes(raw) + stringBytes(key) });

/** Folded names by raw text (in a Map, so raw text may be `__proto__`), bounded by bytes (NAME_CACHE_MB). */
let KEYS: BoundedCache<string> = namesCache(4 * 1024 * 1024);

/** Sets the byte budget of the folded-name cache (the server calls this at start-up with NAME_CACHE_MB); empties it. */
export function setNameCacheBudget(maxBytes: number): void {
  KEYS = namesCache(maxBytes);
}

/** The folded-name cache's size, for GET /health. */
export function nameCacheSize(): CacheSize {
  return KEYS.size();
}

/**
 * The ONE folding of a name, used for stored names, aliases and queries alike, so that whatever a
 * researcher types resolves to the name as printed: Unicode NFKC (full-width （），：, ideographic space
 * and full-width Latin become their plain forms), control and format characters dropped, Traditional →
 * Simplified, lower case, and no whitespace at all ("中國聯合網絡通信（香港）股份有限公司",
 * "中国联合网络通信(香港)股份有限公司" and "中國聯合網絡通信 (香港) 股份有限公司" share one key).
 */
export function nameKey(raw: string): string {
  const known = KEYS.get(raw);
  if (known !== undefined) return known;
  const plain = raw.normalize('NFKC').replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\s]/gu, '');
  // Traditional (generic, Hong Kong and Taiwan variants alike) → Simplified: one script for every key.
  const key = toSimplified(genericToSimplified(plain)).toLowerCase();
  // Search ranks every candidate by its names: without this, OpenCC ran on the same ~3,000 names per
  // request (about 7 % of the server's busy CPU in a stress profile). Bounded by bytes, since queries pass
  // through here too: 20,000 entries of 100 KB query texts would have held 4 GB.
  if (raw.length <= MAX_CACHED_NAME_CHARS) KEYS.set(raw, key);
  return key;
}

/** How a name belongs to its entity; a lower rank wins when two entities share a key. */
export const NAME_RANKS = { printed: 0, english: 1, alias: 2 } as const;

export interface NameKeyRow {
  /** `${entityId}|${key}`: unique, so a re-seed MERGEs instead of duplicating. */
  id: string;
  key: string;
  entityId: string;
  kind: string;
  /** 0 the printed Chinese name, 1 the English name, 2 an alias (see NAME_RANKS). */
  rank: number;
  /** The name as stored on the entity (before folding). */
  name: string;
}

/** One row per distinct key of an entity's names, each with the best rank any of its names gives it. */
export function nameKeyRows(e: {
  id: string;
  kind: string;
  nameZh: string;
  nameEn?: string | null;
  aliases: readonly string[];
}): NameKeyRow[] {
  const byKey = new Map<string, NameKeyRow>();
  const add = (name: string, rank: number) => {
    const key = nameKey(name);
    if (!key) return;
    const seen = byKey.get(key);
    if (!seen || rank < seen.rank) byKey.set(key, { id: `${e.id}|${key}`, key, entityId: e.id, kind: e.kind, rank, name });
  };
  add(e.nameZh, NAME_RANKS.printed);
  if (e.nameEn) add(e.nameEn, NAME_RANKS.english);
  for (const a of e.aliases) add(a, NAME_RANKS.alias);
  return [...byKey.values()];
}
