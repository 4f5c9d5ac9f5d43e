import * as OpenCC from 'opencc-js';

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });

export const MAX_QUERY_LENGTH = 200;

/** NFKC (full-width Latin → ASCII), control characters removed, whitespace collapsed. */
export function normalizeQuery(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
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

/**
 * A Lucene query for the variants: each as an exact phrase (boosted) or as all of its words. Lower-cased
 * so that user words like AND/OR/NOT stay words; everything else is escaped, so user text is never syntax.
 */
export function luceneQuery(variants: readonly string[]): string {
  const parts: string[] = [];
  for (const v of variants) {
    const lower = v.toLowerCase();
    parts.push(`"${escapeLucene(lower)}"^4`);
    const words = lower.split(' ').filter(Boolean);
    if (words.length > 1) parts.push(`(${words.map((w) => `+${escapeLucene(w)}`).join(' ')})`);
  }
  return parts.join(' OR ');
}

/** How well `name` matches the query variants: 3 exact, 2 prefix, 1 contains, 0 otherwise. */
export function matchRank(name: string, variants: readonly string[]): number {
  const n = name.toLowerCase();
  let best = 0;
  for (const v of variants) {
    const q = v.toLowerCase();
    if (n === q) return 3;
    if (n.startsWith(q)) best = Math.max(best, 2);
    else if (n.includes(q)) best = Math.max(best, 1);
  }
  return best;
}
