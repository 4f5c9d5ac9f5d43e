import { cursorToOffset, offsetToCursor } from '@pothos/plugin-relay';
import { apiError } from '../db/errors.js';

export const MAX_PAGE = 100;
export const DEFAULT_PAGE = 20;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** Checks `first` and `after` and turns them into an offset window; bad values are BAD_USER_INPUT. */
export function pageWindow(args: PageArgs, max = MAX_PAGE, def = DEFAULT_PAGE): { offset: number; limit: number } {
  const limit = args.first ?? def;
  if (!Number.isInteger(limit) || limit < 0 || limit > max)
    throw apiError(
      `\`first\` must be between 0 and ${max}; got ${args.first}. Page through larger results with \`after\`.`,
      'BAD_USER_INPUT',
      {
        argument: 'first',
      },
    );
  let offset = 0;
  if (args.after != null) {
    try {
      offset = cursorToOffset(args.after) + 1;
    } catch {
      offset = Number.NaN;
    }
    if (!Number.isInteger(offset) || offset < 1)
      throw apiError(
        '`after` is not a cursor of this connection: pass a `pageInfo.endCursor` (or an edge `cursor`) you received.',
        'BAD_USER_INPUT',
        {
          argument: 'after',
        },
      );
  }
  return { offset, limit };
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
