import { apiError } from '../db/errors.js';
import { foldText, luceneQuery, MAX_QUERY_LENGTH, normalizeQuery, scriptVariants } from '../search/text.js';

/**
 * The largest offset sent to a statement that slices a list (Cypher list indexes are int32, and the slice's
 * end adds the page size): past it, as past the end of any list this API holds, the page is empty, exactly as
 * the offset itself would give (a cursor may carry up to 2^53 − 2).
 */
export const MAX_LIST_INDEX = 2_000_000_000;

/** A page of rows from two statements: phrase hits first, then word hits; the total is both totals. */
export async function phraseThenWords<T>(
  offset: number,
  limit: number,
  phrase: (offset: number, limit: number) => Promise<{ total: number; rows: T[] }>,
  words: ((offset: number, limit: number) => Promise<{ total: number; rows: T[] }>) | null,
): Promise<{ total: number; rows: T[] }> {
  const first = await phrase(Math.min(offset, MAX_LIST_INDEX), limit + 1);
  if (!words) return first;
  // The word hits continue after the phrase hits: skip what the phrase hits already covered.
  const room = Math.max(0, limit + 1 - first.rows.length);
  const second = await words(Math.min(Math.max(0, offset - first.total), MAX_LIST_INDEX), room);
  return { total: first.total + second.total, rows: [...first.rows, ...second.rows] };
}

/** What a search of the report's text looks for: the folded phrase in each script, and the words when they are more than one. */
export function textSearch(raw: string | null | undefined, argument: string): { phrases: string[]; lucene: string | null } | null {
  if (raw == null) return null;
  if (raw.length > MAX_QUERY_LENGTH)
    throw apiError(`\`${argument}\` is ${raw.length} characters long; at most ${MAX_QUERY_LENGTH} are allowed.`, 'BAD_USER_INPUT', {
      argument,
    });
  const q = normalizeQuery(raw);
  const phrases = [...new Set(scriptVariants(q).map(foldText))].filter((p) => p !== '');
  if (phrases.length === 0)
    throw apiError(`\`${argument}\` is empty: type some words, e.g. "簽署", or leave it out.`, 'BAD_USER_INPUT', { argument });
  // Words in any order (and Latin words with plurals and one typo) only add hits when there is more than one
  // word, or one Latin word to be tolerant of; a single Chinese term is exactly its phrase.
  const wordy = q.includes(' ') || /^[a-z]{4,}$/i.test(q);
  return { phrases, lucene: wordy ? luceneQuery(scriptVariants(q)) : null };
}

/** The `section` argument as the variants a section path is matched against, or null. */
export function sectionArg(raw: string | null | undefined): string[] | null {
  if (raw == null) return null;
  if (raw.length > MAX_QUERY_LENGTH)
    throw apiError(`\`section\` is ${raw.length} characters long; at most ${MAX_QUERY_LENGTH} are allowed.`, 'BAD_USER_INPUT', {
      argument: 'section',
    });
  const s = normalizeQuery(raw);
  return s ? scriptVariants(s) : null;
}
