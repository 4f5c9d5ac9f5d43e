import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { DATA_DIR } from '../seed/data-files.js';
import { reportSentences, sentenceMentions } from '../seed/parse/mentions.js';
import type { ParsedSentence } from '../seed/parse/sentences.js';
import { loadNotNames } from '../seed/rule-files.js';
import { prepareGraph } from '../seed/run.js';
import { sourceLines } from '../seed/source.js';
import { loadThemeRules, type ThemeRule, type ThemeRules } from '../seed/theme-rules.js';
import { nameKey } from '../src/search/names.js';
import { prng } from './prng.js';

const HELP = `Usage: npx tsx tools/theme-candidates.ts [--write] [--stats] [--sample N [--seed S]]

Applies the theme rules of seed/rules/themes.yaml (the file a person edits) to the report's sentences and
writes seed/data/themes.yaml: the THEME entities and the ABOUT relations to them.

The rule (rule name theme-sentence, derivation RULE): an entity of a source kind is ABOUT a theme when one
clause of a sentence that names it (the stretch between ，；：。！？) holds one of the theme's words,
matched as a word: not inside the name of another entity named there (unless that entity is one of the
theme's "via" entities), not inside one of the theme's "except" phrases; a context word counts only with
one of its "with" words in the same clause. In a table row only the entity's own name counts; KPI rows
and page furniture are not read. An
entity the report never names verbatim is about a theme when its own name holds a word and one of its
evidence quotes shows it. Each edge quotes the clause (at most two, in reading order).
The file's "stated" edges are added as STATED; "checked" edges of the rule become STATED; "rejected"
ones are left out. The seeder's checker (npx tsx seed/check.ts) verifies every quote like any other.

Options:
  --write        write seed/data/themes.yaml (otherwise print a summary only)
  --stats        print the number of entities per theme
  --sample N     print a seeded random sample of N ABOUT edges of the rule (not checked, not stated) with
                 their clauses and sentences, to judge one by one (an audit; see docs/audits/)
  --seed S       the sample's seed (default 20201207)
  -h, --help     this text`;

/** Punctuation that ends a clause: a name and a word across one are not about each other. */
const CLAUSE_END = /[，,；;：:。！？!?]/;
/** Blocks the rule reads: prose, headings, bullets and table rows (not KPI rows or page furniture). */
const READ_BLOCKS = new Set(['PARAGRAPH', 'HEADING', 'BULLET', 'TABLE']);
/** Longer than this and without a single punctuation mark, a "sentence" is glued page layout. */
const GLUE_CHARS = 25;

/**
 * Headings, captions and table cells the PDF's text layer ran together (「高品質服務智慧生活抗擊新冠疫情脫貧攻堅慈善公益」):
 * a long stretch with no punctuation at all is a row of labels, not a statement about any of them.
 */
export function isLayoutGlue(text: string): boolean {
  return [...text].length > GLUE_CHARS && !/[，。、；：！？,;:!?「」《》（）()]/.test(text);
}

/** A quote longer than this is cut to the part around the name and the word. */
const MAX_QUOTE = 120;
const isAsciiWordChar = (ch: string | undefined) => ch !== undefined && /[A-Za-z0-9_]/.test(ch);

export interface Cite {
  line: number;
  lineEnd?: number;
  quote: string;
}
export interface AboutEdge {
  from: string;
  to: string;
  evidence: Cite[];
  derivation: 'STATED' | 'RULE';
  /** For a RULE edge: the sentence ids its clauses come from (for the audit). */
  sentences?: string[];
}

/** Start offsets of `word` in `text`; an ASCII word must not touch another ASCII letter or digit. */
export function wordPositions(text: string, word: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
    if (isAsciiWordChar(word[0]) && isAsciiWordChar(text[i - 1])) continue;
    if (isAsciiWordChar(word[word.length - 1]) && isAsciiWordChar(text[i + word.length])) continue;
    out.push(i);
  }
  return out;
}

const OPEN = '「『《（(“';
const CLOSE = '」』》）)”';

/**
 * The clauses of a text as [start, end) offsets, punctuation excluded, leading/trailing spaces trimmed.
 * Punctuation inside brackets or quotes (「共築中國夢，聯通再行動」, 《…》) ends no clause; a space
 * between two characters that are not both ASCII letters or digits does (it is a gap of the page's layout:
 * table columns, a caption printed beside the text).
 */
export function clauses(text: string): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  let depth = 0;
  for (let i = 0; i <= text.length; i++) {
    const ch = text[i] ?? '';
    if (OPEN.includes(ch)) depth++;
    else if (CLOSE.includes(ch)) depth = Math.max(0, depth - 1);
    const layoutGap = /\s/.test(ch) && !(isAsciiWordChar(text[i - 1]) && isAsciiWordChar(text[i + 1]));
    if (i === text.length || (depth === 0 && (CLAUSE_END.test(ch) || layoutGap))) {
      let s = start;
      let e = i;
      while (s < e && /\s/.test(text[s] ?? '')) s++;
      while (e > s && /\s/.test(text[e - 1] ?? '')) e--;
      if (e > s) out.push([s, e]);
      start = i + 1;
    }
  }
  return out;
}

interface Mention {
  entityId: string;
  start: number;
  end: number;
}

/**
 * The spans of `clause` (offsets into `text`) where a theme's word counts for `subject`: a word of the
 * theme (or a context word with its context) not inside an except phrase and not inside the name of an
 * entity other than the subject or the theme's via entities.
 */
export function themeWordsFor(
  text: string,
  [cs, ce]: [number, number],
  theme: Pick<ThemeRule, 'words' | 'contextWords' | 'except' | 'via'>,
  subject: Mention,
  mentions: readonly Mention[],
): [number, number][] {
  const clause = text.slice(cs, ce);
  const blocked = theme.except.flatMap((p) => wordPositions(clause, p).map((at) => [at, at + p.length] as const));
  const words = [...theme.words, ...theme.contextWords.filter((c) => c.with.some((w) => clause.includes(w))).map((c) => c.word)];
  const found: [number, number][] = [];
  for (const w of words)
    for (const at of wordPositions(clause, w)) {
      const [ws, we] = [cs + at, cs + at + w.length];
      if (blocked.some(([bs, be]) => bs <= at && at + w.length <= be)) continue;
      // Inside the subject's own name (5G共建共享 → 5G) it counts, whatever shorter name lies there too.
      const around = mentions.filter((m) => m.start <= ws && we <= m.end && m.end - m.start > w.length);
      if (around.some((m) => m.entityId === subject.entityId)) found.push([ws, we]);
      else if (around.every((m) => theme.via.includes(m.entityId)) && near(text, subject, [ws, we])) found.push([ws, we]);
    }
  return found;
}

/** How far apart (in characters) a name and a theme's word may stand in one clause. */
export const MAX_GAP = 24;

/**
 * Whether a name and a word stand close enough to be about each other: at most MAX_GAP characters apart,
 * and not two items of one list (a 、 between them that no 等 closes before the later one: in
 * 「雲視頻會議、遠程教育」 the conference system is not about education; in 「清華大學、北京大學等高校開展車聯網」
 * the universities are).
 */
export function near(text: string, name: Pick<Mention, 'start' | 'end'>, [ws, we]: [number, number]): boolean {
  const [gs, ge] = name.end <= ws ? [name.end, ws] : [we, name.start];
  if (ge < gs) return true; // overlapping
  const gap = text.slice(gs, ge);
  if ([...gap].length > MAX_GAP) return false;
  const lastItem = gap.lastIndexOf('、');
  return lastItem < 0 || gap.slice(lastItem).includes('等');
}

/** The quote of a clause: whole when short, else the stretch from the name to the word (MAX_QUOTE at most). */
function clauseQuote(s: ParsedSentence, [cs, ce]: [number, number], name: [number, number], word: [number, number]): Cite | null {
  let [qs, qe] = [cs, ce];
  // A bullet or a space that opens the clause is no part of what it says.
  while (qs < qe && /[\s•·●▪]/.test(s.text[qs] ?? '')) qs++;
  if (qe - qs > MAX_QUOTE) [qs, qe] = [Math.min(name[0], word[0]), Math.max(name[1], word[1])];
  if (qe - qs > MAX_QUOTE) return null;
  const quote = s.text.slice(qs, qe).trim();
  const line = s.lineOf(qs);
  const lineEnd = s.lineOf(qe - 1);
  if ([...quote].length < 4 || lineEnd > line + 8) return null;
  return lineEnd > line ? { line, lineEnd, quote } : { line, quote };
}

/** The curated graph without the generated file itself (so a stale or broken themes.yaml never feeds back). */
function curatedWithoutThemes() {
  const dir = mkdtempSync(join(tmpdir(), 'unicom-kg-themes-'));
  try {
    cpSync(DATA_DIR, dir, { recursive: true, filter: (src) => !src.endsWith('themes.yaml') });
    return prepareGraph(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const key = (from: string, to: string) => `${from}\u0000${to}`;

/** The themes and the ABOUT edges the rules give, before `checked`/`rejected`/`stated` are applied. */
export function ruleEdges(rules: ThemeRules = loadThemeRules()) {
  const rows = curatedWithoutThemes();
  const lines = sourceLines();
  const sourceKinds = new Set<string>(rules.sourceKinds);
  const kindOf = new Map(rows.entities.map((e) => [e.id, e.props.kind as string]));
  const named = rows.entities.filter((e) => e.props.kind !== 'THEME' && e.props.kind !== 'METRIC');
  const perSentence = sentenceMentions(
    lines,
    named.map((e) => ({
      id: e.id,
      names: [e.props.nameZh as string, ...((e.props.aliases as string[]) ?? []), ...(e.props.nameEn ? [e.props.nameEn as string] : [])],
    })),
    { notNames: loadNotNames() },
  );

  const edges = new Map<string, AboutEdge>();
  const add = (from: string, to: string, cite: Cite, sentence?: string) => {
    const k = key(from, to);
    const e = edges.get(k) ?? { from, to, evidence: [], derivation: 'RULE' as const, sentences: [] };
    edges.set(k, e);
    if (e.evidence.length >= 2 || e.evidence.some((c) => c.line === cite.line && c.quote === cite.quote)) return;
    e.evidence.push(cite);
    if (sentence) e.sentences?.push(sentence);
  };

  for (const { sentence: s, mentions } of perSentence) {
    if (!READ_BLOCKS.has(s.block) || isLayoutGlue(s.text)) continue;
    for (const c of clauses(s.text)) {
      const inClause = mentions.filter((m) => m.start >= c[0] && m.end <= c[1]);
      for (const m of inClause) {
        if (!sourceKinds.has(kindOf.get(m.entityId) ?? '')) continue;
        for (const t of rules.themes) {
          const words = themeWordsFor(s.text, c, t, m, inClause);
          // In a table row only the entity's own name speaks for it (the row's other cells are other things).
          const [word] = s.block === 'TABLE' ? words.filter(([ws, we]) => m.start <= ws && we <= m.end) : words;
          if (!word) continue;
          const cite = clauseQuote(s, c, [m.start, m.end], word);
          if (cite) add(m.entityId, `theme/${t.slug}`, cite, s.id);
        }
      }
    }
  }

  // Entities the report never names verbatim (a name joined from two places, a printed form with
  // different punctuation): their own name holds the word and their evidence quote shows it.
  const mentioned = new Set(perSentence.flatMap((p) => p.mentions.map((m) => m.entityId)));
  for (const e of named) {
    if (!sourceKinds.has(e.props.kind as string) || mentioned.has(e.id)) continue;
    const names = [e.props.nameZh as string, ...((e.props.aliases as string[]) ?? [])];
    for (const t of rules.themes) {
      const word = t.words.find(
        (w) => names.some((n) => wordPositions(n, w).length > 0) && !t.except.some((x) => names.some((n) => n.includes(x))),
      );
      if (!word) continue;
      e.props.evidenceLines.forEach((line, i) => {
        const quote = e.props.evidenceQuotes[i] ?? '';
        const lineEnd = e.props.evidenceLineEnds[i] ?? line;
        if (wordPositions(quote, word).length > 0)
          add(e.id, `theme/${t.slug}`, lineEnd > line ? { line, lineEnd, quote } : { line, quote });
      });
    }
  }

  // A theme's names are its own: an alias another entity has is left out (seed/check.ts enforces it).
  const taken = new Set(
    rows.entities.flatMap((e) =>
      [e.props.nameZh as string, (e.props.nameEn as string) ?? '', ...((e.props.aliases as string[]) ?? [])].map(nameKey),
    ),
  );
  const themes = rules.themes.map((t) => {
    for (const n of [t.nameZh, t.nameEn])
      if (taken.has(nameKey(n)))
        throw new Error(
          `seed/rules/themes.yaml › ${t.slug}: another entity has the name "${n}"; rename the theme or remove the other entity's alias`,
        );
    const first = rows.lines.find((l) => !l.duplicate && l.text.includes(t.nameZh));
    if (!first)
      throw new Error(`seed/rules/themes.yaml › ${t.slug}: the report never prints "${t.nameZh}"; choose the printed form as nameZh`);
    const at = first.text.indexOf(t.nameZh);
    return {
      id: `theme/${t.slug}`,
      kind: 'THEME',
      nameZh: t.nameZh,
      nameEn: t.nameEn,
      aliases: t.aliases.filter((a) => !taken.has(nameKey(a))),
      description: `A theme of the report. Its words: ${[...t.words, ...t.contextWords.map((c) => `${c.word} (with ${c.with.join('/')})`)].join(', ')}.`,
      derivation: 'RULE',
      rule: 'theme-table',
      evidence: [{ line: first.number, quote: first.text.slice(Math.max(0, at - 8), at + t.nameZh.length + 8).trim() }],
    };
  });
  return { themes, edges: [...edges.values()] };
}

/** The rule's edges with the person's decisions applied: rejected out, checked STATED, stated added. */
export function themeCandidates(rules: ThemeRules = loadThemeRules()) {
  const { themes, edges } = ruleEdges(rules);
  const byKey = new Map(edges.map((e) => [key(e.from, e.to), e]));
  const stale: string[] = [];
  for (const r of rules.rejected)
    if (!byKey.delete(key(r.from, r.to))) stale.push(`rejected ${r.from} → ${r.to}: the rule no longer makes it`);
  for (const c of rules.checked) {
    const e = byKey.get(key(c.from, c.to));
    if (e) e.derivation = 'STATED';
    else stale.push(`checked ${c.from} → ${c.to}: the rule no longer makes it (move it to stated with its evidence, or drop it)`);
  }
  for (const s of rules.stated) byKey.set(key(s.from, s.to), { from: s.from, to: s.to, evidence: s.evidence, derivation: 'STATED' });
  const relations = [...byKey.values()].sort((a, b) => a.to.localeCompare(b.to) || a.from.localeCompare(b.from));
  // A theme nothing is ABOUT is one the report does not support: left out.
  const used = new Set(relations.map((r) => r.to));
  return { themes: themes.filter((t) => used.has(t.id)), relations, stale };
}

/** The document themes.yaml holds. */
export function themesDocument(
  { themes, relations }: Pick<ReturnType<typeof themeCandidates>, 'themes' | 'relations'> = themeCandidates(),
) {
  return {
    entities: themes,
    relations: relations.map((r) => ({
      type: 'ABOUT',
      from: r.from,
      to: r.to,
      ...(r.derivation === 'STATED' ? { derivation: 'STATED' } : { derivation: 'RULE', rule: 'theme-sentence' }),
      evidence: r.evidence,
    })),
  };
}

const isMain = process.argv[1]?.endsWith('theme-candidates.ts');
if (isMain) {
  const { values } = parseArgs({
    options: {
      write: { type: 'boolean' },
      stats: { type: 'boolean' },
      sample: { type: 'string' },
      seed: { type: 'string', default: '20201207' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const rules = loadThemeRules();
  const { themes, relations, stale } = themeCandidates(rules);
  for (const s of stale) console.error(`warning: seed/rules/themes.yaml: ${s}`);
  const stated = relations.filter((r) => r.derivation === 'STATED').length;
  console.log(
    `${themes.length} themes, ${relations.length} ABOUT relations (${relations.length - stated} RULE theme-sentence, ${stated} STATED) from ${new Set(relations.map((r) => r.from)).size} entities`,
  );
  if (values.stats) for (const t of themes) console.log(`  ${t.nameZh}: ${relations.filter((r) => r.to === t.id).length}`);
  if (values.sample !== undefined) {
    const n = Number(values.sample);
    const seed = Number(values.seed);
    if (!Number.isInteger(n) || n < 1 || !Number.isInteger(seed)) {
      console.error('--sample takes a positive whole number and --seed a whole number; see --help');
      process.exit(2);
    }
    const pool = relations.filter((r) => r.derivation === 'RULE');
    const textOf = new Map(reportSentences(sourceLines()).map((x) => [x.id, x.text]));
    const random = prng(seed);
    // Fisher–Yates on a copy: the same seed draws the same sample while the edges stay the same.
    const drawn = [...pool];
    for (let i = drawn.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [drawn[i], drawn[j]] = [drawn[j] as AboutEdge, drawn[i] as AboutEdge];
    }
    drawn.slice(0, n).forEach((r, i) => {
      console.log(`\n${i + 1}. ${r.from} → ${r.to}`);
      for (const c of r.evidence) console.log(`   L${c.line}${c.lineEnd ? `–${c.lineEnd}` : ''}: ${c.quote}`);
      const first = r.sentences?.[0];
      if (first) console.log(`   sentence ${first}: ${textOf.get(first) ?? ''}`);
    });
  }
  if (values.write) {
    const header =
      '# GENERATED by tools/theme-candidates.ts from seed/rules/themes.yaml (npx tsx tools/theme-candidates.ts --write).\n' +
      '# Do not edit: change the rules file (words, via, except, stated, checked, rejected) and regenerate.\n' +
      '# derivation (DATA.md «Derivation»): an ABOUT edge of the sentence rule is RULE (rule: theme-sentence), not checked one\n' +
      '# by one; one a person read (stated, or checked in the rules file) is STATED. A theme is RULE (theme-table).\n';
    writeFileSync(
      new URL('../seed/data/themes.yaml', import.meta.url),
      header + stringify(themesDocument({ themes, relations }), { lineWidth: 0 }),
    );
    console.log('wrote seed/data/themes.yaml');
  }
}
