import type { Driver } from 'neo4j-driver';
import { prng } from '../tools/prng.js';

/**
 * What an operation's item builder may use: read-only rows from the seeded graph and a seeded shuffle.
 * Item lists are built once per scale, before any server is asked, so that all three servers get the
 * same sequence of parameters, and a cache at any layer cannot answer a repeated request.
 */
export interface Graph {
  /** The rows of a read-only statement, as plain objects (integers as JS numbers). */
  rows(cypher: string, params?: Record<string, unknown>): Promise<Record<string, any>[]>;
  /** `xs` in a seeded random order (the seed mixes the operation's name: lists differ between operations). */
  shuffle<T>(xs: readonly T[]): T[];
  /** How many items to aim for (`--items`). */
  size: number;
  /** The graph's scale (1 = the report alone). */
  scale: number;
}

/** The seed of every list: change it and every list changes, keep it and every run asks the same. */
export const ITEM_SEED = 0x10b3c4;

/** FNV-1a of a string: mixes an operation's name into the seed. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function graphFor(driver: Driver, database: string, opName: string, size: number, scale: number): Graph {
  return {
    size,
    scale,
    async rows(cypher, params = {}) {
      const res = await driver.executeQuery(cypher, params, { database, routing: 'READ' });
      return res.records.map((r) => {
        const o = r.toObject() as Record<string, any>;
        for (const k of Object.keys(o)) if (o[k] && typeof o[k] === 'object' && typeof o[k].toNumber === 'function') o[k] = o[k].toNumber();
        return o;
      });
    },
    shuffle<T>(xs: readonly T[]): T[] {
      // Each item's place is a seeded random number drawn from its own value (mulberry32 seeded with the
      // seed, the operation and the item): the same input gives the same order on every machine, and an
      // item that a larger graph removes or adds moves no other item, so the scales share their lists
      // as far as the graph allows.
      const rank = (x: T) => prng(ITEM_SEED ^ hash(`${opName}\u0000${JSON.stringify(x)}`))();
      return xs
        .map((x) => ({ x, r: rank(x) }))
        .sort((a, b) => a.r - b.r)
        .map((e) => e.x);
    },
  };
}

/** Every unordered pair of distinct values, in order of the input (for filters over two sectors). */
export function pairs<T>(xs: readonly T[]): [T, T][] {
  const out: [T, T][] = [];
  for (let i = 0; i < xs.length; i++) for (let j = i + 1; j < xs.length; j++) out.push([xs[i] as T, xs[j] as T]);
  return out;
}

/**
 * Goes through `candidates` in order and keeps those `keep` accepts, until `size` are kept or the
 * candidates (at most `budget` of them) run out: for lists whose items must be checked against the
 * graph one by one (search terms with a bounded number of hits, pairs joined by a short path).
 */
export async function firstAccepted<T>(
  candidates: readonly T[],
  size: number,
  keep: (c: T) => Promise<boolean>,
  budget = size * 6,
): Promise<T[]> {
  const out: T[] = [];
  for (const c of candidates.slice(0, budget)) {
    if (out.length >= size) break;
    if (await keep(c)) out.push(c);
  }
  return out;
}
