import { parseArgs } from 'node:util';
import { kpiTableRange } from '../seed/parse/kpi-table.js';
import { namingSentences } from '../seed/parse/mentions.js';
import { joinLines, sentencesOf } from '../seed/parse/sentences.js';
import { prepareGraph } from '../seed/run.js';
import { sourceLines } from '../seed/source.js';

const HELP = `Usage: npx tsx tools/sentences.ts [--line N] [--span A B] [--find TEXT] [--stats]

Shows the report as the seeder reads it: sentences rebuilt from the PDF's wrapped lines
(seed/parse/sentences.ts), so a curator can write an evidence span {line, lineEnd, quote}.

Options:
  --line N      every sentence touching line N, with its id, lines and block kind
  --span A B    the joined text of lines A..B (what a quote with line: A, lineEnd: B is checked against)
  --find TEXT   every sentence containing TEXT (whitespace-insensitive), with its lines
  --stats       sentence counts by block kind
  --split-names printed names (3+ characters) the PDF broke over a line break, and whether each place
                is a mention (else: the longer name of another entity that takes it)
  -h, --help    this text`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    line: { type: 'string' },
    span: { type: 'string' },
    find: { type: 'string' },
    stats: { type: 'boolean' },
    'split-names': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help || (!values.line && !values.span && !values.find && !values.stats && !values['split-names'])) {
  console.log(HELP);
  process.exit(values.help ? 0 : 1);
}
const lines = sourceLines();
const sentences = sentencesOf(lines, { kpi: kpiTableRange(lines) });
const show = (s: (typeof sentences)[number]) => console.log(`${s.id}  lines ${s.lineStart}–${s.lineEnd}  ${s.block}\n  ${s.text}`);
const num = (v: string | undefined, what: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > lines.length) {
    console.error(`${what} must be a line number from 1 to ${lines.length}; got "${v ?? ''}"`);
    process.exit(1);
  }
  return n;
};
if (values.line) {
  const n = num(values.line, '--line');
  for (const s of sentences) if (s.lineStart <= n && n <= s.lineEnd) show(s);
}
if (values.span) {
  const a = num(values.span, '--span A');
  const b = num(positionals[0], '--span B');
  if (b < a) {
    console.error(`--span B (${b}) must not be before A (${a})`);
    process.exit(1);
  }
  console.log(joinLines(lines, a, b));
}
if (values.find) {
  const strip = (s: string) => s.replace(/\s+/g, '');
  const q = strip(values.find);
  for (const s of sentences) if (strip(s.text).includes(q)) show(s);
}
if (values.stats) {
  const by = new Map<string, number>();
  for (const s of sentences) by.set(s.block, (by.get(s.block) ?? 0) + 1);
  console.log(`${sentences.length} sentences`, Object.fromEntries(by));
}
if (values['split-names']) {
  const graph = prepareGraph();
  const naming = namingSentences(lines, sentences);
  const stripped = naming.map((s) => {
    let text = '';
    const at: number[] = [];
    for (let i = 0; i < s.text.length; i++)
      if (!/\s/.test(s.text[i] ?? '')) {
        text += s.text[i];
        at.push(i);
      }
    return { s, text, at };
  });
  const names = new Set<string>();
  let places = 0;
  const notMentions: string[] = [];
  for (const e of graph.entities) {
    const name = e.props.nameZh.replace(/\s+/g, '');
    if ([...name].length < 3) continue;
    for (const { s, text, at } of stripped)
      for (let p = text.indexOf(name); p >= 0; p = text.indexOf(name, p + 1)) {
        const first = s.lineOf(at[p] ?? 0);
        if (first === s.lineOf(at[p + name.length - 1] ?? 0)) continue;
        places++;
        names.add(name);
        if (!e.props.mentionLines.includes(first)) notMentions.push(`  ${e.id} ${name} at line ${first}`);
      }
  }
  console.log(`${names.size} printed names split over a line break at ${places} places; ${places - notMentions.length} are mentions`);
  if (notMentions.length) console.log(`inside a longer name of another entity, which takes the mention:\n${notMentions.join('\n')}`);
}
