import { toSimplified, toTraditional } from './chinese.js';
import { nameKey } from './names.js';

export const MAX_QUERY_LENGTH = 200;

/** NFKC (full-width Latin → ASCII), control characters removed, whitespace collapsed. */
export function normalizeQuery(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const isAsciiWord = (ch: string | undefined): boolean => ch !== undefined && /[A-Za-z0-9_]/.test(ch);

/**
 * THE folding for searching the report's text (lines and sentences, stored and queried alike): NFKC
 * (full-width （） and Latin become ASCII), whitespace removed except one space between two ASCII letters
 * or digits ("Linux Foundation"), lower case. "全 面 支 持" and "全面支持" fold alike.
 */
export function foldText(s: string): string {
  return s
    .normalize('NFKC')
    .trim()
    .replace(/\s+/g, (ws: string, offset: number, all: string) =>
      isAsciiWord(all[offset - 1]) && isAsciiWord(all[offset + ws.length]) ? ' ' : '',
    )
    .toLowerCase();
}

/** The query as typed plus its Traditional and Simplified forms (distinct). */
export function scriptVariants(q: string): string[] {
  return [...new Set([q, toTraditional(q), toSimplified(q)])];
}

const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/** Escapes every character Lucene's query parser treats as syntax. */
export function escapeLucene(s: string): string {
  return s.replace(LUCENE_SPECIAL, '\\$&');
}

// English words the 'cjk' analyzer drops (Lucene's English stop set): never made fuzzy, since a fuzzy
// term bypasses the analyzer and would then require a word no name can contain.
const STOP_WORDS = new Set(
  'a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with'.split(
    ' ',
  ),
);

/** The singular of a plural English word ("olympics" → "olympic", "cities" → "city"), or the word itself. */
export function singular(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && /(ches|shes|sses|xes)$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/**
 * One word of the query as a Lucene clause: a Latin word of four letters or more also matches its
 * singular and anything one edit away (a typo, a swapped pair of letters: "meitaun" finds "meituan",
 * "olympics" finds "olympic"); anything else is the escaped word itself.
 */
function wordClause(word: string): string {
  const w = escapeLucene(word);
  if (!/^[a-z]{4,}$/.test(word) || STOP_WORDS.has(word)) return w;
  const one = singular(word);
  const alternatives = [w, `${w}~1`, ...(one === word ? [] : [escapeLucene(one)])];
  return `(${alternatives.join(' ')})`;
}

/**
 * A Lucene query for the variants: each as an exact phrase (boosted) or as all of its words in any order
 * (Latin words tolerant of plurals and one typo). Lower-cased so that user words like AND/OR/NOT stay
 * words; everything else is escaped, so user text is never syntax.
 */
export function luceneQuery(variants: readonly string[]): string {
  const parts: string[] = [];
  for (const v of variants) {
    const lower = v.toLowerCase();
    parts.push(`"${escapeLucene(lower)}"^4`);
    const words = lower.split(' ').filter(Boolean);
    if (words.length > 1) parts.push(`(${words.map((w) => `+${wordClause(w)}`).join(' ')})`);
    else if (words[0] && wordClause(words[0]) !== escapeLucene(words[0])) parts.push(wordClause(words[0]));
  }
  return [...new Set(parts)].join(' OR ');
}

/** How well `name` matches the query: 3 same name (after nameKey folding), 2 prefix, 1 contains, 0 otherwise. */
export function matchRank(name: string, variants: readonly string[]): number {
  const n = nameKey(name);
  let best = 0;
  for (const v of variants) {
    const q = nameKey(v);
    if (!q) continue;
    if (n === q) return 3;
    if (n.startsWith(q)) best = Math.max(best, 2);
    else if (n.includes(q)) best = Math.max(best, 1);
  }
  return best;
}

/**
 * What entity/check-ids looks for when an id names nothing: the id's last part ("tibet" of "region/tibet",
 * hyphens as spaces) as a folded name (nameKey) and as a full-text query, and its kind part ("region/") to
 * prefer entities of the same kind. An English name, an alias or a typo in the id so leads to the entity.
 */
export function idLookup(id: string): { id: string; keys: string[]; prefix: string | null; lucene: string | null } {
  const slash = id.lastIndexOf('/');
  const prefix = slash > 0 ? id.slice(0, slash + 1) : null;
  const tail = id.slice(slash + 1, slash + 1 + MAX_QUERY_LENGTH);
  const words = normalizeQuery(tail.replace(/[-_.]+/g, ' ')).toLowerCase();
  const keys = [...new Set([nameKey(tail), nameKey(words)])].filter(Boolean);
  return { id, keys, prefix, lucene: words.length >= 2 ? luceneQuery(scriptVariants(words)) : null };
}
