import type { Context } from '../context.js';
import type { EntityRecord } from '../loaders/types.js';
import { normalizeQuery, scriptVariants } from '../search/text.js';

/** An entity by id, or else by exact name or alias in any script (Traditional, Simplified, English). */
export async function findEntity(ctx: Context, id: string | null, name: string | null): Promise<EntityRecord | null> {
  if (id != null) return ctx.loaders.entity.load(id);
  const q = normalizeQuery(name ?? '');
  if (!q) return null;
  const names = scriptVariants(q);
  const rows = await ctx.db.read<{ entity: EntityRecord }>('entity/by-name', { names, lower: names.map((n) => n.toLowerCase()) });
  const hit = rows[0]?.entity ?? null;
  if (hit) ctx.loaders.entity.prime(hit.id, hit);
  return hit;
}
