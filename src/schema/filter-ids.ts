import type { Context } from '../context.js';
import type { IdSuggestion, QueryRows } from '../db/rows.js';
import { apiError } from '../errors.js';
import type { IdRef } from '../translate/filter.js';

/** "region/xizang (西藏, Tibet)": the id, its printed name and the name that matched (else its English name). */
function describe(s: IdSuggestion): string {
  const other = s.matched && s.matched !== s.nameZh ? s.matched : s.nameEn;
  return `${s.id} (${[s.nameZh, other].filter(Boolean).join(', ')})`;
}

/**
 * Checks every id a filter names (Filter.ids) in one batched statement (ctx.loaders.idCheck) before the
 * filter runs: an id that names nothing is NOT_FOUND, naming the argument and the id and suggesting the
 * closest names, instead of a filter that silently matches nothing; an id of the wrong kind (a partner in
 * `about`) is BAD_USER_INPUT.
 */
export async function checkFilterIds(ctx: Context, refs: readonly IdRef[]): Promise<void> {
  if (!refs.length) return;
  const checks = await ctx.loaders.idCheck.loadMany([...new Set(refs.map((r) => r.id))]);
  const byId = new Map<string, QueryRows['entity/check-ids']>();
  for (const c of checks) {
    if (c instanceof Error) throw c;
    byId.set(c.id, c);
  }
  const unknown = refs.filter((r) => byId.get(r.id)?.kind == null);
  if (unknown.length) {
    const parts = unknown.map((r) => {
      const suggestions = byId.get(r.id)?.suggestions ?? [];
      const hint = suggestions.length
        ? ` Did you mean ${suggestions.map(describe).join(', or ')}?`
        : ' Look ids up with entity(name:) or search.';
      return {
        argument: r.argument,
        id: r.id,
        suggestions: suggestions.map((s) => s.id),
        text: `No entity has the id "${r.id}" (\`${r.argument}\`).${hint}`,
      };
    });
    throw apiError(parts.map((p) => p.text).join(' '), 'NOT_FOUND', {
      argument: unknown[0]?.argument,
      ids: [...new Set(unknown.map((r) => r.id))],
      unknown: parts.map(({ argument, id, suggestions }) => ({ argument, id, suggestions })),
    });
  }
  const wrong = refs.find((r) => r.kind != null && byId.get(r.id)?.kind !== r.kind);
  if (wrong)
    throw apiError(
      `\`${wrong.argument}\` takes ${wrong.kind} ids; "${wrong.id}" is a ${byId.get(wrong.id)?.kind}. See entities(where: {kinds: [${wrong.kind}]}) for them.`,
      'BAD_USER_INPUT',
      { argument: wrong.argument },
    );
}
