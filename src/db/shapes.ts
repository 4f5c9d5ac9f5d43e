import { createHash } from 'node:crypto';
import type { GraphQLError } from 'graphql';
import { LRUCache } from 'lru-cache';
import { apiError } from '../errors.js';

/** New statement texts one client address may cause per minute (MAX_NEW_SHAPES_PER_MINUTE). */
export const DEFAULT_NEW_SHAPES_PER_MINUTE = 20;

/**
 * Statement texts the server remembers having sent. Fewer than Neo4j keeps plans for
 * (`server.db.query_cache_size`, 1,000 by default), so a text remembered here is one Neo4j still has a plan
 * for, as long as this server is the main source of texts: cycling through more texts than this finds them new
 * again, and pays again.
 */
export const SEEN_TEXTS = 500;

/** Client addresses tracked at once; the least recently active is forgotten (and starts again with a full budget). */
const MAX_CLIENTS = 10_000;

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * The bound on Neo4j planning a client can cause (issue 22 item 8). A statement text the server has not sent
 * recently makes Neo4j plan it: up to ~0.5 s of CPU for a generated projection with 8 subqueries, where
 * running a planned one costs a few ms. Texts are canonical (src/translate), so equivalent documents share
 * one; what is left (genuinely different field sets, filters, sorts) is counted per client address: each
 * address has a bucket of `perMinute` new texts that refills continuously. A request that needs a new text
 * when the bucket is empty is refused, whole, with TOO_MANY_NEW_SHAPES (429, Retry-After). Texts already
 * seen (by anyone) cost nothing, so clients that repeat their queries, as applications do, never meet it.
 */
export class NewShapeBudget {
  private readonly seen = new LRUCache<string, true>({ max: SEEN_TEXTS });
  private readonly clients = new LRUCache<string, Bucket>({ max: MAX_CLIENTS });
  /** Texts admitted as new and requests refused, since start (GET /health). */
  readonly counts = { admitted: 0, refused: 0 };

  constructor(
    readonly perMinute: number = DEFAULT_NEW_SHAPES_PER_MINUTE,
    private readonly now: () => number = Date.now,
  ) {}

  /** Null when `text` may run for `client` (seen before, or within its budget, which it then spends); else the refusal. */
  admit(client: string, text: string): GraphQLError | null {
    const key = createHash('sha1').update(text).digest('base64');
    if (this.seen.get(key)) return null;
    const now = this.now();
    const rate = this.perMinute / 60_000;
    const bucket = this.clients.get(client) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * rate);
    bucket.at = now;
    this.clients.set(client, bucket);
    if (bucket.tokens < 1) {
      this.counts.refused += 1;
      const retryAfterS = Math.max(1, Math.ceil((1 - bucket.tokens) / rate / 1000));
      return apiError(
        `This request needs a database statement of a shape the server has not run recently, and this client address has caused ${this.perMinute} such statements in the last minute (MAX_NEW_SHAPES_PER_MINUTE): each new shape makes the database plan it. Reuse the queries you have sent (the order of fields and alias names do not matter), or retry in ${retryAfterS} s.`,
        'TOO_MANY_NEW_SHAPES',
        { limit: this.perMinute, retryAfterSeconds: retryAfterS },
        { stopsRequest: true, headers: { 'retry-after': String(retryAfterS) } },
      );
    }
    bucket.tokens -= 1;
    this.seen.set(key, true);
    this.counts.admitted += 1;
    return null;
  }
}
