import type { Context } from '../context.js';
import type { EntityRecord } from '../loaders/types.js';
import { escapeLucene, normalizeQuery, scriptVariants } from '../search/text.js';

/** An entity by id, or else by exact name or alias in any script (Traditional, Simplified, English). */
export async function findEntity(
  ctx: Context,
  id: string | null,
  name: string | null,
  withRelations = false,
): Promise<EntityRecord | null> {
  if (id != null) return ctx.loaders.entity.load(id);
  const q = normalizeQuery(name ?? '');
  if (!q) return null;
  const names = scriptVariants(q);
  const lower = names.map((n) => n.toLowerCase());
  const phrase = lower.map((n) => `"${escapeLucene(n)}"`).join(' OR ');
  const rows = await ctx.db.read<{ entity: EntityRecord }>('entity/by-name', { names, lower, phrase, withRelations });
  const [hit] = ctx.loaders.adopt(rows.slice(0, 1).map((r) => r.entity));
  return hit ?? null;
}
