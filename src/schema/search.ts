import { builder } from '../builder.js';
import { searchComplexity } from '../complexity.js';
import { apiError } from '../db/errors.js';
import type { EntityRecord } from '../loaders/types.js';
import { nameKey } from '../search/names.js';
import { luceneQuery, MAX_QUERY_LENGTH, matchRank, normalizeQuery, scriptVariants } from '../search/text.js';
import { type CompiledSelection, compileSelection, propsFill } from '../translate/index.js';
import { intInRange } from './args.js';
import { Entity, EntityKindEnum } from './entity.js';

export const MAX_SEARCH = 50;

interface HitShape {
  entity: EntityRecord;
  score: number;
  matched: string;
}

const SearchHit = builder.objectRef<HitShape>('SearchHit').implement({
  description: 'One search result: the entity, how well it matched, and which of its names matched.',
  fields: (t) => ({
    entity: t.field({ type: Entity, description: 'The entity found.', resolve: (h) => h.entity }),
    score: t.exposeFloat('score', {
      description:
        'Relevance, higher is better: exact names and aliases (after the folding `entity(name:)` uses) score above 3 and always come first, names starting with the query above 2, names containing it above 1, other full-text hits (words in any order, plurals, one-letter typos in Latin words) below.',
    }),
    matched: t.exposeString('matched', { description: 'The name or alias of the entity that matched the query best.' }),
  }),
});

/** What ranking reads of every candidate (bestName): its names. */
const RANKING_PROPS = ['id', 'kind', 'nameZh', 'nameEn', 'aliases'];

/**
 * The projection of each candidate of search/names (slot n): its names, plus, when the client asks the hits
 * for properties only, those properties, so that the statement answers the request alone. The candidates
 * are a pool of up to 4 × `first`: nested fields are never fetched for all of them, only for the top
 * `first`, by a second statement.
 */
const hitFill = (compiled: CompiledSelection) =>
  propsFill([...RANKING_PROPS, ...(compiled.plan.fields.length === 0 ? compiled.plan.props : [])]);

/** The entity's name that best matches the query, and how well (see matchRank). */
function bestName(e: EntityRecord, variants: readonly string[]): { name: string; rank: number } {
  let best = { name: e.nameZh, rank: -1 };
  for (const name of [e.nameZh, e.nameEn, ...(e.aliases ?? [])]) {
    if (!name) continue;
    const rank = matchRank(name, variants);
    if (rank > best.rank) best = { name, rank };
  }
  return best;
}

builder.queryField('search', (t) =>
  t.field({
    type: [SearchHit],
    complexity: (args) => searchComplexity(args.first ?? 10, MAX_SEARCH),
    description:
      'Find entities by name in Chinese (Traditional or Simplified) or English, whole or partial: "美團", "中国电信", "China Telecom", "冬奧", even one character. Exact names and aliases always rank first, whatever `first` is. English words match in any order, in singular or plural, and with one typo ("Winter Olympics", "Meitaun"). User text is never query syntax.',
    args: {
      query: t.arg.string({ required: true, description: `What to look for (1–${MAX_QUERY_LENGTH} characters).` }),
      kinds: t.arg({ type: [EntityKindEnum], required: false, description: 'Only these kinds.' }),
      first: t.arg.int({ required: false, description: `How many hits (default 10, at most ${MAX_SEARCH}).` }),
    },
    resolve: async (_r, args, ctx, info) => {
      const first = intInRange('first', args.first ?? 10, 1, MAX_SEARCH);
      if (args.query.length > MAX_QUERY_LENGTH)
        throw apiError(`\`query\` is ${args.query.length} characters long; at most ${MAX_QUERY_LENGTH} are allowed.`, 'BAD_USER_INPUT', {
          argument: 'query',
        });
      const q = normalizeQuery(args.query);
      if (!q) throw apiError('`query` is empty: type a name, e.g. "美團" or "China Telecom".', 'BAD_USER_INPUT', { argument: 'query' });
      const variants = scriptVariants(q);
      const kinds = args.kinds?.length ? args.kinds : null;
      const pool = Math.max(first * 4, 40);

      // Exact names and aliases (after the one folding) come first whatever `first` is: looked up by key,
      // not left to the full-text score, so "China Unicom" is the company before any "… China Unicom" branch.
      // The cjk analyzer indexes bigrams, so a single CJK character cannot hit the index: scan names instead.
      const short = [...q].length < 2;
      const exactName = normalizeQuery(q);
      const key = nameKey(exactName);
      const compiled = compileSelection(info, ['entity']);
      const [found] = await ctx.db.query(
        'search/names',
        { key, exact: exactName, exactLimit: key ? MAX_SEARCH : 0, lucene: short ? null : luceneQuery(variants), kinds, limit: pool },
        hitFill(compiled),
      );
      const exact = found?.exact ?? [];
      let rows = found?.hits ?? [];
      if (rows.length === 0)
        rows = await ctx.db.query('search/contains', {
          variants: variants.map((v) => v.toLowerCase()),
          kinds,
          limit: pool,
        });

      const hits = new Map<string, HitShape>();
      exact.forEach((h, i) => {
        hits.set(h.entity.id, { entity: h.entity, matched: h.matched, score: 4 - (i + 1) / (MAX_SEARCH + 2) });
      });
      const maxScore = Math.max(...rows.map((r) => r.score), 1e-9);
      for (const r of rows) {
        if (hits.has(r.entity.id)) continue;
        const { name, rank } = bestName(r.entity, variants);
        // Below 3 whatever the name: only the key look-up above decides what is exact.
        hits.set(r.entity.id, { entity: r.entity, matched: name, score: Math.min(rank, 2) + r.score / maxScore / 1.001 });
      }
      const ranked = [...hits.values()].sort((a, b) => b.score - a.score || a.entity.id.localeCompare(b.entity.id));
      const top = ranked.slice(0, first).map((h) => ({ ...h, score: Math.round(h.score * 1000) / 1000 }));
      // The hits already hold the properties asked for; when the client asks more of them (nested fields,
      // evidence), the top `first` are fetched as it asks in ONE more statement (src/translate), not one per level.
      if (compiled.plan.fields.length === 0) return top;
      const loader = ctx.loaders.compiled(compiled, info.variableValues);
      const full = await Promise.all(top.map((h) => loader.load(h.entity.id)));
      return top.map((h, i) => ({ ...h, entity: full[i] ?? h.entity }));
    },
  }),
);
