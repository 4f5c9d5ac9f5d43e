import type { Db } from './db/read.js';

/** The seeded graph's version (a hash of the seed data) and when it was seeded. */
export interface GraphVersion {
  version: string;
  seededAt: string | null;
}

/** What the version reads as where nothing is seeded yet. */
export const UNSEEDED = 'unseeded';

/**
 * The ONE read of the graph's version (the Meta node the seeder writes): null when nothing is seeded.
 * The response cache keys on it, exports put it in their ETag, Query.stats shows it, and start-up seeds
 * when it is null.
 */
export async function readGraphVersion(db: Pick<Db, 'query'>): Promise<GraphVersion | null> {
  const [row] = await db.query('meta/graph-version');
  return row?.version ? { version: row.version, seededAt: row.seededAt ?? null } : null;
}
