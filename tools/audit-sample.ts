import { parseArgs } from 'node:util';
import type { EntityRow, GraphRows, MetricValueRow, RelationRow, SentenceRow } from '../seed/build.js';
import { prepareGraph } from '../seed/run.js';
import { prng } from './prng.js';

/** A passage grows until it holds this many characters, and never past the upper bound. */
export const PASSAGE_MIN_CHARS = 150;
export const PASSAGE_MAX_CHARS = 400;
const SEED_MIN_CHARS = 12;
const PROSE = new Set(['PARAGRAPH', 'BULLET']);

const HELP = `Usage: npx tsx tools/audit-sample.ts (--facts N [--type T] | --passages N | --lines A-B) [--seed S]

Draws seeded random samples of the graph prepareGraph() builds (no database) for a person to judge
against the report (docs/audits/facts.md, docs/audits/recall.md).

  --facts N      N facts drawn uniformly, without replacement, from the pool of all facts: every relation
                 (any type, ABOUT included), every entity (its kind and name: "X is a PROGRAM named …") and
                 every metric value (metric, year, value, unit). Each is printed with its derivation (and
                 rule), its evidence quotes and the whole sentence of each quote.
  --type T       with --facts: draw only relations of type T (ABOUT, LOCATED_IN, …), uniformly from
                 those relations alone (no entities, no metric values)
  --passages N   N passages not chosen by hand: N distinct random PARAGRAPH or BULLET sentences (not page
                 furniture, not in the repeated copy of a block, at least ${SEED_MIN_CHARS} characters), each grown with
                 its neighbouring prose sentences to roughly ${PASSAGE_MIN_CHARS}–${PASSAGE_MAX_CHARS} characters. Each is printed with every
                 fact whose evidence lies in it and the entities the passage names.
  --lines A-B    every prose sentence of the passage pool that lies in lines A–B, in report order, each
                 with the facts whose evidence lies in it and the entities it names: the view a recall sweep
                 of a whole stretch works from (no sample, so --seed does not apply)
  --seed S       the seed of the PRNG (tools/prng.ts; default 20261209)
  -h, --help     this text`;

export type Fact =
  | { kind: 'relation'; row: RelationRow }
  | { kind: 'entity'; row: EntityRow }
  | { kind: 'metric-value'; row: MetricValueRow };

/** The pool the fact sample is drawn from, in a fixed order: relations, entities, metric values. */
export function factPool(g: GraphRows): Fact[] {
  return [
    ...g.relations.map((row) => ({ kind: 'relation' as const, row })),
    ...g.entities.map((row) => ({ kind: 'entity' as const, row })),
    ...g.metricValues.map((row) => ({ kind: 'metric-value' as const, row })),
  ];
}

/** k distinct indexes of [0, n), uniformly (a partial Fisher–Yates shuffle driven by the seeded PRNG). */
export function sampleIndexes(n: number, k: number, seed: number): number[] {
  const rand = prng(seed);
  const idx = Array.from({ length: n }, (_, i) => i);
  const m = Math.min(k, n);
  for (let i = 0; i < m; i++) {
    const j = i + Math.floor(rand() * (n - i));
    [idx[i], idx[j]] = [idx[j] as number, idx[i] as number];
  }
  return idx.slice(0, m);
}

/** The fact pool restricted to relations of one type (the whole pool when no type is given). */
export function factPoolOfType(g: GraphRows, type?: string): Fact[] {
  const pool = factPool(g);
  return type === undefined ? pool : pool.filter((f) => f.kind === 'relation' && f.row.type === type);
}

export function sampleFacts(g: GraphRows, n: number, seed: number, type?: string): Fact[] {
  const pool = factPoolOfType(g, type);
  return sampleIndexes(pool.length, n, seed).map((i) => pool[i] as Fact);
}

export interface Passage {
  seed: SentenceRow;
  sentences: SentenceRow[];
  lineStart: number;
  lineEnd: number;
  text: string;
}

/** The sentences a passage may start from: prose (paragraph or bullet), not a repeated copy, not tiny. */
export function passagePool(g: GraphRows): SentenceRow[] {
  return g.sentences.filter((s) => PROSE.has(s.block) && !s.duplicate && [...s.text].length >= SEED_MIN_CHARS);
}

/** Grows a seed sentence with its neighbouring prose sentences (alternately after, then before). */
export function growPassage(g: GraphRows, seed: SentenceRow): Passage {
  const ordered = [...g.sentences].sort((a, b) => a.ordinal - b.ordinal);
  const at = ordered.findIndex((s) => s.id === seed.id);
  let lo = at;
  let hi = at;
  const len = () =>
    ordered
      .slice(lo, hi + 1)
      .map((s) => [...s.text].length)
      .reduce((a, b) => a + b, 0);
  const ok = (s: SentenceRow | undefined) => s !== undefined && PROSE.has(s.block) && !s.duplicate;
  let stuck = false;
  while (len() < PASSAGE_MIN_CHARS && !stuck) {
    stuck = true;
    for (const side of ['after', 'before'] as const) {
      if (len() >= PASSAGE_MIN_CHARS) break;
      const next = side === 'after' ? ordered[hi + 1] : ordered[lo - 1];
      if (!ok(next) || len() + [...(next as SentenceRow).text].length > PASSAGE_MAX_CHARS) continue;
      if (side === 'after') hi++;
      else lo--;
      stuck = false;
    }
  }
  const sentences = ordered.slice(lo, hi + 1);
  return {
    seed,
    sentences,
    lineStart: Math.min(...sentences.map((s) => s.lineStart)),
    lineEnd: Math.max(...sentences.map((s) => s.lineEnd)),
    text: sentences.map((s) => s.text).join(''),
  };
}

export function samplePassages(g: GraphRows, n: number, seed: number): Passage[] {
  const pool = passagePool(g);
  const out: Passage[] = [];
  const taken = new Set<string>();
  for (const i of sampleIndexes(pool.length, pool.length, seed)) {
    if (out.length >= n) break;
    const p = growPassage(g, pool[i] as SentenceRow);
    if (p.sentences.some((s) => taken.has(s.id))) continue; // no two passages overlap
    for (const s of p.sentences) taken.add(s.id);
    out.push(p);
  }
  return out;
}

interface Cite {
  line: number;
  lineEnd: number;
  quote: string;
  sentence: string | undefined;
}

function citesOf(f: Fact): Cite[] {
  if (f.kind === 'metric-value') {
    const p = f.row.props as Record<string, unknown>;
    if (typeof p.evidenceLine !== 'number') return [];
    return [
      {
        line: p.evidenceLine,
        lineEnd: (p.evidenceLineEnd as number | undefined) ?? p.evidenceLine,
        quote: String(p.evidenceQuote),
        sentence: p.evidenceSentence as string | undefined,
      },
    ];
  }
  const p = f.row.props as unknown as Record<string, unknown[] | undefined>;
  const lines = (p.evidenceLines ?? []) as number[];
  return lines.map((line, i) => ({
    line,
    lineEnd: ((p.evidenceLineEnds ?? []) as number[])[i] ?? line,
    quote: String((p.evidenceQuotes ?? [])[i]),
    sentence: ((p.evidenceSentences ?? []) as string[])[i],
  }));
}

function describer(g: GraphRows) {
  const byId = new Map(g.entities.map((e) => [e.id, e]));
  const name = (id: string) => {
    const e = byId.get(id);
    return e ? `${id} (${e.props.nameZh})` : id;
  };
  return (f: Fact): string => {
    if (f.kind === 'entity') {
      const p = f.row.props as unknown as Record<string, unknown>;
      const extra = ['nameEn', 'sector', 'level', 'year', 'date', 'title', 'unit']
        .filter((k) => p[k] !== undefined && p[k] !== null && p[k] !== '')
        .map((k) => `${k}: ${String(p[k])}`);
      return `ENTITY ${f.row.id} is a ${String(p.kind)} named ${String(p.nameZh)}${extra.length ? ` {${extra.join('; ')}}` : ''}`;
    }
    if (f.kind === 'metric-value') {
      const p = f.row.props;
      const m = byId.get(f.row.metricId);
      const unit = m ? String((m.props as unknown as Record<string, unknown>).unit ?? '') : '';
      const extra = ['period', 'asOf', 'printed'].filter((k) => p[k] !== undefined && p[k] !== null).map((k) => `${k}: ${String(p[k])}`);
      return `METRIC VALUE ${name(f.row.metricId)} ${String(p.year)} = ${String(p.value)} ${unit} {${extra.join('; ')}}`;
    }
    const p = f.row.props;
    const extra = ['kind', 'label', 'role', 'share', 'year', 'date', 'since', 'until']
      .filter((k) => p[k] !== undefined && p[k] !== null && p[k] !== '')
      .map((k) => `${k}: ${String(p[k])}`);
    return `RELATION ${name(f.row.from)} -[${f.row.type}]-> ${name(f.row.to)}${extra.length ? ` {${extra.join('; ')}}` : ''}`;
  };
}

function derivationOf(f: Fact): string {
  const p = f.row.props as unknown as Record<string, unknown>;
  return `${String(p.derivation ?? 'STATED')}${p.rule ? ` (rule ${String(p.rule)})` : ''}`;
}

const span = (a: number, b: number) => (a === b ? `L${a}` : `L${a}–${b}`);

function printFact(f: Fact, describe: (f: Fact) => string, sentences: Map<string, SentenceRow>, out: string[]): void {
  out.push(`   ${describe(f)}`);
  out.push(`   derivation: ${derivationOf(f)}`);
  const seen = new Set<string>();
  for (const c of citesOf(f)) {
    out.push(`   ${span(c.line, c.lineEnd)}: ${c.quote}`);
    const s = c.sentence ? sentences.get(c.sentence) : undefined;
    if (s && !seen.has(s.id)) {
      seen.add(s.id);
      out.push(`      sentence ${s.id} (${span(s.lineStart, s.lineEnd)}, ${s.block}): ${s.text}`);
    }
  }
}

function main(): void {
  const { values } = parseArgs({
    options: {
      facts: { type: 'string' },
      passages: { type: 'string' },
      seed: { type: 'string', default: '20261209' },
      type: { type: 'string' },
      lines: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || (!values.facts && !values.passages && !values.lines)) {
    console.log(HELP);
    return;
  }
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error(`--seed: not an integer: ${values.seed}`);
  const g = prepareGraph();
  const describe = describer(g);
  const sentences = new Map(g.sentences.map((s) => [s.id, s]));
  const out: string[] = [];
  if (values.facts) {
    const n = Number(values.facts);
    const type = values.type;
    const pool = factPoolOfType(g, type);
    if (type !== undefined && pool.length === 0) throw new Error(`--type: no relation of type ${type}`);
    out.push(
      type === undefined
        ? `fact pool: ${pool.length} = ${g.relations.length} relations + ${g.entities.length} entities + ${g.metricValues.length} metric values; sample ${n}, seed ${seed}`
        : `fact pool: ${pool.length} ${type} relations (of ${g.relations.length} relations); sample ${n}, seed ${seed}`,
      '',
    );
    sampleFacts(g, n, seed, type).forEach((f, i) => {
      out.push(`${i + 1}. [${f.kind}] ${f.row.id}`);
      printFact(f, describe, sentences, out);
      out.push('');
    });
  }
  if (values.passages) {
    const n = Number(values.passages);
    const pool = passagePool(g);
    out.push(
      `passage pool: ${pool.length} PARAGRAPH/BULLET sentences (not repeated, ≥ ${SEED_MIN_CHARS} chars); sample ${n}, seed ${seed}`,
      '',
    );
    const facts = factPool(g);
    samplePassages(g, n, seed).forEach((p, i) => {
      const ids = new Set(p.sentences.map((s) => s.id));
      out.push(
        `=== Passage ${i + 1}: ${span(p.lineStart, p.lineEnd)} (seed ${p.seed.id}; ${[...p.text].length} chars; ${p.sentences.map((s) => s.id).join(', ')})`,
      );
      for (const s of p.sentences) out.push(`   ${s.id} ${span(s.lineStart, s.lineEnd)} [${s.block}] ${s.text}`);
      const named = [...new Set(p.sentences.flatMap((s) => s.entityIds))];
      out.push(`   entities named (${named.length}): ${named.join(', ')}`);
      const inside = facts.filter((f) =>
        citesOf(f).some((c) => (c.sentence !== undefined && ids.has(c.sentence)) || (c.line <= p.lineEnd && c.lineEnd >= p.lineStart)),
      );
      out.push(`   facts with evidence in the passage (${inside.length}):`);
      inside.forEach((f, k) => {
        out.push(`   ${i + 1}.${k + 1} [${f.kind}] ${describe(f)} — ${derivationOf(f)}`);
        for (const c of citesOf(f))
          if (c.line <= p.lineEnd && c.lineEnd >= p.lineStart) out.push(`        ${span(c.line, c.lineEnd)}: ${c.quote}`);
      });
      out.push('');
    });
  }
  if (values.lines) {
    const m = /^(\d+)-(\d+)$/.exec(values.lines);
    if (!m) throw new Error(`--lines: expected A-B (two line numbers, e.g. 1200-1500), got "${values.lines}"`);
    const [a, b] = [Number(m[1]), Number(m[2])];
    if (a > b) throw new Error(`--lines: the first line (${a}) is after the last (${b})`);
    const inRange = passagePool(g)
      .filter((s) => s.lineStart >= a && s.lineEnd <= b)
      .sort((x, y) => x.ordinal - y.ordinal);
    out.push(`${inRange.length} prose sentences of the passage pool in ${span(a, b)}`, '');
    const facts = factPool(g);
    for (const s of inRange) {
      out.push(`=== ${s.id} ${span(s.lineStart, s.lineEnd)} [${s.block}] ${s.text}`);
      out.push(`   entities named: ${s.entityIds.join(', ') || '—'}`);
      const inside = facts.filter((f) => citesOf(f).some((c) => c.sentence === s.id || (c.line <= s.lineEnd && c.lineEnd >= s.lineStart)));
      for (const f of inside) out.push(`   [${f.kind}] ${describe(f)} — ${derivationOf(f)}`);
      out.push('');
    }
  }
  console.log(out.join('\n'));
}

if (process.argv[1]?.endsWith('audit-sample.ts')) {
  try {
    main();
  } catch (err) {
    // a bad argument or invalid seed data: the message says what and where, a stack would not help
    console.error(`audit-sample: ${(err as Error).message}\n(npx tsx tools/audit-sample.ts --help)`);
    process.exitCode = 2;
  }
}
