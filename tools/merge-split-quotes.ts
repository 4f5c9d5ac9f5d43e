import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DATA_DIR } from '../seed/data-files.js';
import { reportSentences } from '../seed/parse/mentions.js';
import { joinLines, trimLine } from '../seed/parse/sentences.js';
import { sourceLines } from '../seed/source.js';

const HELP = `Usage: npx tsx tools/merge-split-quotes.ts [--write]

Finds evidence written under the old one-line rule as fragments of ONE sentence, one item per line: an item
whose quote ends where its line ends, followed in the same list by an item on the next non-blank line of the
same sentence whose quote starts where that line starts ("榮獲「最佳投資者關係公" + "司（大型企業）」"). Each
such run becomes one span item {line, lineEnd, quote} whose quote is the joined text of the fragments,
checked against seed/parse/sentences.ts joinLines. Edits the flow-style items ("- { line: N, quote: Q }")
of seed/data/*.yaml in place; generated files (themes.yaml) are left to their tool.

Options:
  --write    write the files (otherwise print what would change)
  -h, --help this text`;

const { values } = parseArgs({ options: { write: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
if (values.help) {
  console.log(HELP);
  process.exit(0);
}

const lines = sourceLines();
const sentences = reportSentences(lines);
const sameSentence = (a: number, b: number) => sentences.some((s) => s.lineStart <= a && b <= s.lineEnd);
const nextNonBlank = (n: number): number => {
  let m = n + 1;
  while (m <= lines.length && trimLine(lines[m - 1] ?? '') === '') m++;
  return m;
};
const ITEM = /^(\s*)- \{ line: (\d+), quote: (.+) \}\s*$/;
const unquote = (q: string): string => (q.startsWith('"') ? (JSON.parse(q) as string) : q);

let merged = 0;
for (const file of readdirSync(DATA_DIR).filter((f) => f.endsWith('.yaml') && f !== 'themes.yaml')) {
  const path = join(DATA_DIR, file);
  const text = readFileSync(path, 'utf8').split('\n');
  const out: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const m = ITEM.exec(text[i] ?? '');
    if (!m) {
      out.push(text[i] ?? '');
      continue;
    }
    const indent = m[1] ?? '';
    const first = Number(m[2]);
    let last = first;
    let quote = unquote(m[3] ?? '');
    let j = i + 1;
    for (;;) {
      const n = ITEM.exec(text[j] ?? '');
      if (!n || n[1] !== indent) break;
      const line = Number(n[2]);
      const q = unquote(n[3] ?? '');
      const endsLine = trimLine(lines[last - 1] ?? '').endsWith(
        quote.slice(-Math.min(quote.length, trimLine(lines[last - 1] ?? '').length)),
      );
      const startsLine = trimLine(lines[line - 1] ?? '').startsWith(q);
      if (line !== nextNonBlank(last) || !endsLine || !startsLine || !sameSentence(first, line)) break;
      const joined = joinLines(lines, first, line);
      const candidate = joinLines([quote, q], 1, 2);
      if (!joined.includes(candidate) || line - first > 8) break;
      quote = candidate;
      last = line;
      j++;
    }
    if (last === first) {
      out.push(text[i] ?? '');
      continue;
    }
    merged += j - i - 1;
    const item = `${indent}- { line: ${first}, lineEnd: ${last}, quote: ${JSON.stringify(quote)} }`;
    if (!values.write)
      console.log(
        `${file}: ${text
          .slice(i, j)
          .map((t) => t.trim())
          .join(' + ')}\n  → ${item.trim()}`,
      );
    out.push(item);
    i = j - 1;
  }
  if (values.write) writeFileSync(path, out.join('\n'));
}
console.log(`${merged} fragment item(s) ${values.write ? 'merged' : 'would merge'} into the item before them`);
