import type { Context } from '../context.js';
import type { EntityRecord } from '../loaders/types.js';
import { nameKey } from '../search/names.js';
import { normalizeQuery } from '../search/text.js';
import type { CompiledSelection } from '../translate/index.js';

/** A compiled selection (src/translate) and the request's variables it takes its parameters from. */
export interface Selection {
  compiled: CompiledSelection;
  variables: Readonly<Record<string, unknown>>;
}

export interface NameHit {
  entity: EntityRecord;
  /** The stored name or alias whose key matched. */
  matched: string;
  /** 0 printed name, 1 English name, 2 alias. */
  rank: number;
}

/**
 * Every entity (at most `limit`) one of whose names or aliases folds to the same key as `name`
 * (src/search/names.ts), optionally only of `kinds`, best first by the rule of translate/by-name: other
 * kinds before metrics, printed name before English name before alias, the name exactly as typed,
 * most mentioned, id.
 */
export async function entitiesByName(
  ctx: Context,
  name: string,
  opts: { kinds?: readonly string[] | null; limit?: number; selection: Selection },
): Promise<NameHit[]> {
  const exact = normalizeQuery(name);
  const key = nameKey(exact);
  if (!key) return [];
  const kinds = opts.kinds?.length ? opts.kinds : null;
  const limit = opts.limit ?? 1;
  const selection = opts.selection;
  const rows = await ctx.db.query(
    'translate/by-name',
    { ...selection.compiled.params(selection.variables), key, exact, kinds, limit },
    selection.compiled.fill,
  );
  return rows.map((r) => ({ ...r, entity: selection.compiled.read(r.entity) }));
}

/** An entity by id, or else the best entity by exact name or alias in any script (see entitiesByName). */
export async function findEntity(
  ctx: Context,
  id: string | null,
  name: string | null,
  opts: { kinds?: readonly string[] | null; selection: Selection },
): Promise<EntityRecord | null> {
  if (id != null) {
    const e = await ctx.loaders.compiled(opts.selection.compiled, opts.selection.variables).load(id);
    return e && (!opts.kinds?.length || opts.kinds.includes(e.kind)) ? e : null;
  }
  const [hit] = await entitiesByName(ctx, name ?? '', { ...opts, limit: 1 });
  return hit?.entity ?? null;
}
