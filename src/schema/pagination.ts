import { cursorToOffset, offsetToCursor } from '@pothos/plugin-relay';
import { apiError } from '../db/errors.js';
import { intInRange } from './args.js';

export const MAX_PAGE = 100;
export const DEFAULT_PAGE = 20;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

const size = (name: 'first' | 'last', value: number, max: number): number =>
  intInRange(name, value, 0, max, 'Page through larger results with `after`.');

/**
 * The largest offset a cursor may hold: every integer up to it is exact in a JS number and in Neo4j's SKIP.
 * Cursors past the end of a list are fine (an empty page); past this they are not cursors this server made.
 */
export const MAX_OFFSET = Number.MAX_SAFE_INTEGER - 1;

/**
 * The offset in a cursor of this server, or BAD_USER_INPUT naming the argument. A cursor is accepted only in
 * the exact form offsetToCursor gives (canonical base64 of `arrayconnection:<decimal>`, no sign, exponent or
 * leading zero) and within 0..MAX_OFFSET: "1e21" would parse as 1, and 1e21 or 2^63 would reach Neo4j's SKIP
 * as a float it cannot take.
 */
function position(name: 'after' | 'before', cursor: string): number {
  let offset = Number.NaN;
  try {
    offset = cursorToOffset(cursor);
  } catch {
    // not base64 of an offset cursor: refused below
  }
  if (!Number.isSafeInteger(offset) || offset < 0 || offset > MAX_OFFSET || offsetToCursor(offset) !== cursor)
    throw apiError(
      `\`${name}\` is not a cursor of this connection: pass a cursor you received from it (pageInfo or an edge).`,
      'BAD_USER_INPUT',
      {
        argument: name,
      },
    );
  return offset;
}

/**
 * Turns Relay arguments into an offset window; bad values are BAD_USER_INPUT. `first`/`after` page forward;
 * `last`/`before` page backward from the cursor (or, without `before`, take the first `last` items, since
 * the end of a list is not known without counting it).
 */
export function pageWindow(args: PageArgs, max = MAX_PAGE, def = DEFAULT_PAGE): { offset: number; limit: number } {
  if (args.first != null && args.last != null) throw apiError('Give `first` or `last`, not both.', 'BAD_USER_INPUT', { argument: 'last' });
  const start = args.after != null ? position('after', args.after) + 1 : 0;
  const end = args.before != null ? position('before', args.before) : Number.POSITIVE_INFINITY;
  if (args.last != null) {
    const last = size('last', args.last, max);
    const stop = Number.isFinite(end) ? end : start + last;
    const offset = Math.max(start, stop - last);
    return { offset, limit: Math.max(0, stop - offset) };
  }
  const first = size('first', args.first ?? def, max);
  return { offset: start, limit: Math.max(0, Math.min(first, end - start)) };
}

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  /** Resolved only when the client selects `totalCount`. */
  totalCount: () => number | Promise<number>;
}

/** A connection page from rows fetched with `limit + 1` starting at `offset`. */
export function pageFromRows<T>(rows: readonly T[], offset: number, limit: number, totalCount: Page<T>['totalCount']): Page<T> {
  const slice = rows.slice(0, limit);
  const edges = slice.map((node, i) => ({ cursor: offsetToCursor(offset + i), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > limit,
      hasPreviousPage: offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount,
  };
}

/** A connection page over a list already in memory. */
export function pageFromArray<T>(all: readonly T[], args: PageArgs, max = MAX_PAGE): Page<T> {
  const { offset, limit } = pageWindow(args, max);
  return pageFromRows(all.slice(offset, offset + limit + 1), offset, limit, () => all.length);
}
