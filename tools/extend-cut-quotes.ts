import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DATA_DIR } from '../seed/data-files.js';
import { reportSentences } from '../seed/parse/mentions.js';
import { joinLines, trimLine } from '../seed/parse/sentences.js';
import { sourceLines } from '../seed/source.js';

/** The most characters a quote may grow by on one side; past it the neighbour is no continuation (a heading). */
export const MAX_GROW = 24;
/** The most characters a quote may grow by at its end: the rest of a word or a short clause, not the next paragraph. */
export const MAX_GROW_END = 12;
const CLAUSE_END = new Set([...'，。；：、！？,;:!?']);
const OPENERS = new Set([...'「《（(【•']);
const CLOSERS = new Set([...'」》）)】']);
const ENDS_CLAUSE = /[，。；：、！？,;:!?」》）)】]$/;

const HELP = `Usage: npx tsx tools/extend-cut-quotes.ts [--write] [--list]

Finds evidence quotes the PDF's line breaks cut inside a word: a quote that starts where its first line
starts while the line before runs on into it (「術、雲轉播…」, the 術 of 5G技術), or ends where its last line
ends while the next line goes on (「河北、貴州、黑」 of 黑龍江). Each is extended over the neighbouring line(s)
to the nearest clause boundary inside that line (，。；：、！？, or a closing bracket after the quote), at most ${MAX_GROW} characters before and ${MAX_GROW_END} after, and only
when the longer quote stays inside one sentence of the report (seed/parse: the sentence the graph cites). The
span (line, lineEnd) grows with it. Edits the flow-style items ("line: N[, lineEnd: M], quote: Q") of
seed/data/*.yaml in place; the generated themes.yaml is left to its tool.

Options:
  --write    write the files (otherwise print the count and, with --list, each change)
  --list     print every change (file, old span and quote → new span and quote)
  -h, --help this text`;

const ITEM = /line: (\d+)(, lineEnd: (\d+))?, quote: ("(?:[^"\\]|\\.)*"|[^,}\]\n]+?)(?=\s*[,}\]])/g;
const unquote = (q: string): string => (q.startsWith('"') ? (JSON.parse(q) as string) : q.trim());
/** Plain YAML flow scalar when safe, else a JSON string (valid YAML). */
const quoteYaml = (q: string, wasQuoted: boolean): string =>
  wasQuoted || /[,:[\]{}#&*!|>'"%@`]|^\s|\s$|^[-?]/.test(q) ? JSON.stringify(q) : q;

export interface Grown {
  line: number;
  lineEnd: number;
  quote: string;
}

/**
 * The quote grown to clause boundaries over the lines around it, or null when it is not cut or cannot grow
 * within one sentence. `inOneSentence(from, to, quote)` says whether the span and quote lie in one sentence.
 */
export function growCutQuote(
  lines: readonly string[],
  line: number,
  lineEnd: number,
  quote: string,
  inOneSentence: (from: number, to: number, quote: string) => boolean,
): Grown | null {
  const text = (n: number) => trimLine(lines[n - 1] ?? '');
  const prevLine = (n: number) => {
    let m = n - 1;
    while (m >= 1 && text(m) === '') m--;
    return m;
  };
  const nextLine = (n: number) => {
    let m = n + 1;
    while (m <= lines.length && text(m) === '') m++;
    return m;
  };
  const joined = joinLines(lines, line, lineEnd);
  const at = joined.indexOf(quote);
  if (at < 0) return null;
  let from = line;
  let to = lineEnd;
  let q = quote;
  // Cut at the start: the quote opens its first line and the line before runs on (no clause end).
  // Only from the line directly before or after: a blank line between is where the PDF put a caption, a map label
  // or the next block as often as a sentence's own break.
  const before = prevLine(line) === line - 1 ? line - 1 : 0;
  if (at === 0 && before >= 1 && !ENDS_CLAUSE.test(text(before)) && !OPENERS.has(text(line)[0] ?? '')) {
    const prev = text(before);
    let k = prev.length;
    while (
      k > 0 &&
      prev.length - k < MAX_GROW &&
      !CLAUSE_END.has(prev[k - 1] ?? '') &&
      !OPENERS.has(prev[k - 1] ?? '') &&
      !CLOSERS.has(prev[k - 1] ?? '')
    )
      k--;
    // Only to a clause end inside the line before: a line with none (a heading, a caption glued to the prose) or a
    // bracket on the way is no run-on sentence.
    if (k > 0 && CLAUSE_END.has(prev[k - 1] ?? '')) {
      const head = prev.slice(k);
      const candidate = joinLines(lines, before, to);
      const grown = `${head}${joinLines(lines, line, to).slice(0, at + quote.length)}`;
      // A head of digits alone is a figure of a map or table above, not the start of a word.
      if (/[\u4e00-\u9fff]/.test(head) && candidate.includes(grown)) {
        from = before;
        q = grown;
      }
    }
  }
  // Cut at the end: the quote closes its last line, which runs on into the next (no clause end).
  const after = nextLine(lineEnd) === lineEnd + 1 ? lineEnd + 1 : lines.length + 1;
  const tail = joined.slice(at + quote.length);
  if (tail === '' && !ENDS_CLAUSE.test(text(lineEnd)) && after <= lines.length) {
    const next = text(after);
    let k = 0;
    while (k < next.length && k < MAX_GROW && !CLAUSE_END.has(next[k] ?? '') && !CLOSERS.has(next[k] ?? '') && !OPENERS.has(next[k] ?? ''))
      k++;
    if (CLOSERS.has(next[k] ?? '')) k++;
    // Only to a clause end or a closing bracket inside the next line: a line that just stops (a caption, the next
    // block's heading) is no continuation.
    const reached = (k < next.length && CLAUSE_END.has(next[k] ?? '')) || CLOSERS.has(next[k - 1] ?? '');
    // A label before a colon (右圖：, 郵編：, 馬來西亞：704 on a map) starts a caption, an address or a map entry.
    const label = next[k] === '：' || next[k] === ':';
    if (k > 0 && k <= MAX_GROW_END && reached && !label) {
      const grown = `${q}${next.slice(0, k)}`;
      if (joinLines(lines, from, after).includes(grown)) {
        to = after;
        q = grown;
      }
    }
  }
  if (q === quote) return null;
  return inOneSentence(from, to, q) ? { line: from, lineEnd: to, quote: q } : null;
}

function main(): void {
  const { values } = parseArgs({
    options: { write: { type: 'boolean' }, list: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const lines = sourceLines();
  const sentences = reportSentences(lines);
  const inOneSentence = (a: number, b: number, q: string) =>
    sentences.some((s) => s.lineStart <= a && b <= s.lineEnd && s.text.includes(q));
  let changed = 0;
  for (const file of readdirSync(DATA_DIR).filter((f) => f.endsWith('.yaml') && f !== 'themes.yaml')) {
    const path = join(DATA_DIR, file);
    const before = readFileSync(path, 'utf8');
    const after = before.replace(ITEM, (whole, a: string, _e, b: string | undefined, raw: string) => {
      const line = Number(a);
      const lineEnd = b === undefined ? line : Number(b);
      const quote = unquote(raw);
      const grown = growCutQuote(lines, line, lineEnd, quote, inOneSentence);
      if (!grown) return whole;
      changed++;
      if (values.list)
        console.log(
          `${file} L${line}${lineEnd !== line ? `–${lineEnd}` : ''} 「${quote}」 → L${grown.line}–${grown.lineEnd} 「${grown.quote}」`,
        );
      const span = grown.lineEnd === grown.line ? `line: ${grown.line}` : `line: ${grown.line}, lineEnd: ${grown.lineEnd}`;
      return `${span}, quote: ${quoteYaml(grown.quote, raw.startsWith('"'))}`;
    });
    if (values.write && after !== before) writeFileSync(path, after);
  }
  console.log(`${changed} quote(s) cut by a line break ${values.write ? 'grown' : 'would grow'} to a clause boundary`);
}

if (process.argv[1]?.endsWith('extend-cut-quotes.ts')) main();
