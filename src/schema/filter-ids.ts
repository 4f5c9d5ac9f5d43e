import type { Context } from '../context.js';
import type { CheckedId, IdSuggestion, QueryRows } from '../db/rows.js';
import { apiError } from '../errors.js';
import type { Filter, IdRef } from '../translate/filter.js';

/** "region/xizang (西藏, Tibet)": the id, its printed name and the name that matched (else its English name). */
function describe(s: IdSuggestion): string {
  const other = s.matched && s.matched !== s.nameZh ? s.matched : s.nameEn;
  return `${s.id} (${[s.nameZh, other].filter(Boolean).join(', ')})`;
}

/**
 * The slots `{{checkOpen}}` and `{{checkClose}}` of cypher/translate/{list,count,aggregate,aggregate-one} and
 * their parameter: when the filter names ids (Filter.ids), the statement looks them up itself (unique index
 * seeks) and returns them as a column `checked` ({id, kind} of those that exist) beside its rows, its own
 * body wrapped in OPTIONAL CALL so that the column comes back even when nothing matches: the id check costs
 * no round-trip of its own. Without ids (or with `check` false, for a statement whose sibling checks them)
 * both slots are empty and the statement is the plain one.
 */
export function idCheckFill(filter: Pick<Filter, 'ids'>, check = true): { fill: [string, string][]; params: Record<string, unknown> } {
  if (!check || !filter.ids.length)
    return {
      fill: [
        ['checkOpen', ''],
        ['checkClose', ''],
      ],
      params: {},
    };
  return {
    fill: [
      ['checkOpen', 'WITH COLLECT { MATCH (f:Entity) WHERE f.id IN $filterIds RETURN f {.id, .kind} } AS checked\nOPTIONAL CALL () {\n'],
      ['checkClose', '\n}\nRETURN *'],
    ],
    params: { filterIds: [...new Set(filter.ids.map((r) => r.id))] },
  };
}

/**
 * Settles the ids a filter names (Filter.ids) from what its statement found (`found`: the `checked` column,
 * see idCheckFill): an id that names nothing is NOT_FOUND, naming the argument and the id and suggesting the
 * closest names (looked up only then, by ctx.loaders.idCheck: every unknown id of the request in ONE
 * statement), instead of a filter that silently matches nothing; an id of the wrong kind (a partner in
 * `about`) is BAD_USER_INPUT.
 */
export async function settleFilterIds(ctx: Context, refs: readonly IdRef[], found: readonly CheckedId[] | null | undefined): Promise<void> {
  if (!refs.length) return;
  const kindOf = new Map((found ?? []).map((c) => [c.id, c.kind]));
  const unknown = refs.filter((r) => kindOf.get(r.id) == null);
  if (unknown.length) {
    const checks = await ctx.loaders.idCheck.loadMany([...new Set(unknown.map((r) => r.id))]);
    const byId = new Map<string, QueryRows['entity/check-ids']>();
    for (const c of checks) {
      if (c instanceof Error) throw c;
      byId.set(c.id, c);
    }
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
  const wrong = refs.find((r) => r.kind != null && kindOf.get(r.id) !== r.kind);
  if (wrong)
    throw apiError(
      `\`${wrong.argument}\` takes ${wrong.kind} ids; "${wrong.id}" is a ${kindOf.get(wrong.id)}. See entities(where: {kinds: [${wrong.kind}]}) for them.`,
      'BAD_USER_INPUT',
      { argument: wrong.argument },
    );
}
