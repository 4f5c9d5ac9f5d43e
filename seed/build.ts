import { createHash } from 'node:crypto';
import { type EntityProperties, KINDS, metricValueId, type Report, typeNameOfKind } from '../src/model/index.js';
import { toSimplified, toTraditional } from '../src/search/chinese.js';
import { type NameKeyRow, nameKeyRows } from '../src/search/names.js';
import { foldText, MAX_QUERY_LENGTH } from '../src/search/text.js';
import type { CuratedData } from './data-files.js';
import { duplicateRanges, isInCopy } from './parse/duplicates.js';
import { kpiTableRange } from './parse/kpi-table.js';
import { mentionsForAll, reportSentences } from './parse/mentions.js';
import { pathOf, type Section, sectionAt, sectionsOf } from './parse/sections.js';
import { blocksOf, type ParsedSentence } from './parse/sentences.js';
import { SEED_REPORT, type SeedReport } from './reports.js';
import { loadNotNames } from './rule-files.js';

export interface EvidenceProps {
  evidenceReports: string[];
  evidenceLines: number[];
  evidenceLineEnds: number[];
  evidenceQuotes: string[];
  evidenceSections: string[];
  evidenceSentences: string[];
}

export interface EntityRow {
  id: string;
  /** The Neo4j label of its kind (KINDS[kind].typeName). */
  label: string;
  props: EntityProperties;
}
export interface RelationRow {
  id: string;
  type: string;
  from: string;
  to: string;
  props: Record<string, unknown> & EvidenceProps;
}
export interface MetricValueRow {
  id: string;
  metricId: string;
  props: Record<string, unknown>;
}
export interface LineRow {
  /** The report the line belongs to (Report.id). */
  report: string;
  number: number;
  text: string;
  sectionId: string | null;
  section: string | null;
  duplicate: boolean;
  /** foldText of the line, and of the text after it in its block (up to MAX_QUERY_LENGTH): a phrase found in
   * `searchText + left(searchNext, size(phrase) - 1)` starts on this line. */
  searchText: string;
  searchNext: string;
  /** The sentences this line is part of, in reading order; the first is the one the line begins in. */
  sentenceIds: string[];
}
export interface SentenceRow {
  id: string;
  report: string;
  ordinal: number;
  text: string;
  /** foldText(text): what `sentences(search:)` matches a phrase in. */
  searchText: string;
  lineStart: number;
  lineEnd: number;
  block: string;
  sectionId: string | null;
  section: string | null;
  chapter: string | null;
  duplicate: boolean;
  /** The entities it names (mentions), by id. */
  entityIds: string[];
}
export interface SectionRow {
  id: string;
  title: string;
  level: number;
  startLine: number;
  endLine: number;
  parentId: string | null;
  path: string;
}

export interface GraphRows {
  entities: EntityRow[];
  relations: RelationRow[];
  metricValues: MetricValueRow[];
  lines: LineRow[];
  sentences: SentenceRow[];
  sections: SectionRow[];
  /** Every entity's names and aliases under the one folding of src/search/names.ts (exact look-up). */
  nameKeys: NameKeyRow[];
  /** A hash of everything above: changes whenever the seed would change the graph. */
  version: string;
}

/** The section holding a line of one report's text, and its "Chapter › Section" path. */
function sectionFinder(sections: readonly Section[]) {
  return (line: number) => {
    const s = sectionAt(sections, line);
    return s ? { id: s.id, path: pathOf(sections, s) } : undefined;
  };
}

/**
 * The sentence an evidence item quotes: among the sentences touching its first line, the one that holds the
 * quote (whitespace aside), else the one the quote starts in (its text ends with the quote's beginning: a
 * quote running on into the next sentence), else the first.
 */
export function sentenceFinder(sentences: readonly ParsedSentence[]) {
  const byLine = new Map<number, ParsedSentence[]>();
  for (const s of sentences)
    for (let n = s.lineStart; n <= s.lineEnd; n++) {
      const list = byLine.get(n);
      if (list) list.push(s);
      else byLine.set(n, [s]);
    }
  return (line: number, quote: string): ParsedSentence | undefined => {
    const candidates = byLine.get(line) ?? [];
    const q = stripSpace(quote);
    return candidates.find((s) => stripSpace(s.text).includes(q)) ?? candidates.find((s) => startsIn(s.text, quote)) ?? candidates[0];
  };
}

const stripSpace = (t: string): string => t.replace(/\s+/g, '');

/** Whether `quote` starts inside `sentence` and runs on past its end: a suffix of the sentence begins the quote. */
export function startsIn(sentence: string, quote: string): boolean {
  const s = stripSpace(sentence);
  const q = stripSpace(quote);
  for (let k = Math.min(s.length, q.length - 1); k >= 1; k--) if (q.startsWith(s.slice(s.length - k))) return true;
  return false;
}

type Cite = { line: number; lineEnd?: number | undefined; quote: string };

function evidenceProps(
  report: Report,
  sectionOf: ReturnType<typeof sectionFinder>,
  sentenceOf: ReturnType<typeof sentenceFinder>,
  evidence: readonly Cite[],
): EvidenceProps {
  return {
    evidenceReports: evidence.map(() => report.id),
    evidenceLines: evidence.map((e) => e.line),
    evidenceLineEnds: evidence.map((e) => e.lineEnd ?? e.line),
    evidenceQuotes: evidence.map((e) => e.quote),
    evidenceSections: evidence.map((e) => sectionOf(e.line)?.path ?? ''),
    evidenceSentences: evidence.map((e) => sentenceOf(e.line, e.quote)?.id ?? ''),
  };
}

/** Every spelling a search should find: names, aliases, and their Simplified and Traditional forms. */
export function searchNames(names: readonly string[]): string[] {
  const out = new Set<string>();
  for (const n of names) {
    out.add(n);
    out.add(toSimplified(n));
    out.add(toTraditional(n));
  }
  return [...out];
}

/** The object without its undefined properties (Neo4j stores no undefined; absent stays absent). */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Turns curated data plus the report text into the rows the writer MERGEs. Pure: no database (the
 * default `notNames`, the phrases that hold a name without naming its entity, are read from
 * seed/rules/not-names.yaml).
 */
export function buildGraph(
  data: CuratedData,
  lines: readonly string[],
  source: SeedReport = SEED_REPORT,
  notNames: readonly { phrase: string; name: string }[] = loadNotNames(),
): GraphRows {
  const { report } = source;
  const sections = sectionsOf(lines, source.toc);
  const sectionOf = sectionFinder(sections);
  const parsed = reportSentences(lines);
  const sentenceOf = sentenceFinder(parsed);
  const evidence = (ev: readonly Cite[]) => evidenceProps(report, sectionOf, sentenceOf, ev);
  const sectionPath = new Map<string, string>();
  const sectionRows: SectionRow[] = sections.map((s) => {
    const parent = s.parentId ? sectionPath.get(s.parentId) : undefined;
    const path = parent ? `${parent} › ${s.title}` : s.title;
    sectionPath.set(s.id, path);
    return { ...s, parentId: s.parentId ?? null, path };
  });

  const entities: EntityRow[] = [];
  for (const e of data.entities) {
    const names = [e.nameZh, ...(e.nameEn ? [e.nameEn] : []), ...e.aliases];
    entities.push({
      id: e.id,
      label: typeNameOfKind(e.kind),
      props: compact<EntityProperties>({
        id: e.id,
        kind: e.kind,
        nameZh: e.nameZh,
        nameEn: e.nameEn ?? null,
        aliases: e.aliases,
        description: e.description,
        sector: e.sector,
        level: e.level,
        jointVenture: e.jointVenture,
        reference: e.reference ?? false,
        derivation: e.derivation,
        rule: e.rule,
        category: e.category,
        title: e.title,
        year: e.year,
        date: e.date,
        searchText: searchNames(names).join('\n'),
        ...evidence(e.evidence),
        mentionLines: [],
        mentionSentences: [],
      }),
    });
  }
  const metricValues: MetricValueRow[] = [];
  const relations: RelationRow[] = [];
  for (const m of data.metrics) {
    const cited = m.evidence.length > 0 ? m.evidence : m.values.map((v) => ({ line: v.line, lineEnd: v.lineEnd, quote: v.quote }));
    const names = [m.nameZh, ...(m.nameEn ? [m.nameEn] : []), ...m.aliases];
    entities.push({
      id: m.id,
      label: KINDS.METRIC.typeName,
      props: compact<EntityProperties>({
        id: m.id,
        kind: 'METRIC',
        nameZh: m.nameZh,
        nameEn: m.nameEn ?? null,
        aliases: m.aliases,
        unit: m.unit,
        category: m.category,
        footnote: m.footnote,
        source: m.source,
        reference: false,
        derivation: m.derivation,
        rule: m.rule,
        searchText: searchNames(names).join('\n'),
        ...evidence(cited),
        mentionLines: [],
        mentionSentences: [],
      }),
    });
    for (const v of m.values) {
      metricValues.push({
        id: metricValueId(report, m.id, v.year),
        metricId: m.id,
        props: {
          report: report.id,
          year: v.year,
          value: v.value,
          printed: v.printed,
          period: v.period ?? 'year',
          derivation: m.derivation,
          ...(m.rule ? { rule: m.rule } : {}),
          ...(v.asOf ? { asOf: v.asOf } : {}),
          evidenceLine: v.line,
          evidenceLineEnd: v.lineEnd ?? v.line,
          evidenceQuote: v.quote,
          evidenceSection: sectionOf(v.line)?.path ?? '',
          evidenceSentence: sentenceOf(v.line, v.quote)?.id ?? '',
        },
      });
    }
    relations.push({
      id: `REPORTS:${report.reportingCompany}->${m.id}`,
      type: 'REPORTS',
      from: report.reportingCompany,
      to: m.id,
      // Written here for every metric, not read from a sentence: a RULE fact.
      props: { label: '披露', derivation: 'RULE', rule: 'reports-metric', ...evidence(cited) },
    });
    if (m.of)
      relations.push({
        id: `MEASURED_BY:${m.of}->${m.id}`,
        type: 'MEASURED_BY',
        from: m.of,
        to: m.id,
        // A curator read each value's sentence and it says the figure is this entity's.
        props: { derivation: 'STATED', ...evidence(cited) },
      });
  }

  const relIds = new Map<string, number>();
  for (const r of data.relations) {
    const base = `${r.type}:${r.from}->${r.to}`;
    const n = (relIds.get(base) ?? 0) + 1;
    relIds.set(base, n);
    const { type, from, to, evidence: _evidence, file: _file, ...rest } = r;
    relations.push({
      id: n === 1 ? base : `${base}#${n}`,
      type,
      from,
      to,
      props: compact({ ...rest, ...evidence(r.evidence) }),
    });
  }

  const mentionInput = entities.map((e) => ({
    id: e.id,
    names: [e.props.nameZh, ...e.props.aliases, ...(e.props.nameEn ? [e.props.nameEn] : [])],
  }));
  const mentions = mentionsForAll(lines, mentionInput, { notNames });
  const namedIn = new Map<string, string[]>();
  for (const e of entities) {
    const m = mentions.get(e.id);
    e.props.mentionLines = m?.lines ?? [];
    e.props.mentionSentences = m?.sentences ?? [];
    for (const sid of e.props.mentionSentences) {
      const list = namedIn.get(sid);
      if (list) list.push(e.id);
      else namedIn.set(sid, [e.id]);
    }
  }

  const copies = duplicateRanges(lines);
  const chapterOf = (sectionId: string | undefined): string | null => {
    const sec = sectionRows.find((x) => x.id === sectionId);
    const top = sec?.parentId ? sectionRows.find((x) => x.id === sec.parentId) : sec;
    return top?.title ?? null;
  };
  const sentences: SentenceRow[] = parsed.map((p) => {
    const sec = sectionOf(p.lineStart);
    return {
      id: p.id,
      report: report.id,
      ordinal: p.ordinal,
      text: p.text,
      searchText: foldText(p.text),
      lineStart: p.lineStart,
      lineEnd: p.lineEnd,
      block: p.block,
      sectionId: sec?.id ?? null,
      section: sec?.path ?? null,
      chapter: chapterOf(sec?.id),
      duplicate: isInCopy(copies, p.lineStart),
      entityIds: [...(namedIn.get(p.id) ?? [])].sort(),
    };
  });
  const sentencesOfLine = new Map<number, string[]>();
  for (const p of parsed)
    for (let n = p.lineStart; n <= p.lineEnd; n++) {
      const list = sentencesOfLine.get(n);
      if (list) list.push(p.id);
      else sentencesOfLine.set(n, [p.id]);
    }
  const next = continuations(lines);
  const lineRows: LineRow[] = lines.map((text, i) => {
    const s = sectionOf(i + 1);
    return {
      report: report.id,
      number: i + 1,
      text,
      sectionId: s?.id ?? null,
      section: s?.path ?? null,
      duplicate: isInCopy(copies, i + 1),
      searchText: foldText(text),
      searchNext: next.get(i + 1) ?? '',
      sentenceIds: sentencesOfLine.get(i + 1) ?? [],
    };
  });

  const nameKeys = entities.flatMap((e) =>
    nameKeyRows({ id: e.id, kind: e.props.kind, nameZh: e.props.nameZh, nameEn: e.props.nameEn, aliases: e.props.aliases }),
  );

  const version = createHash('sha256')
    .update(JSON.stringify({ entities, relations, metricValues, sectionRows, nameKeys, sentences }))
    .update(lines.join('\n'))
    .digest('hex')
    .slice(0, 16);
  return { entities, relations, metricValues, lines: lineRows, sentences, sections: sectionRows, nameKeys, version };
}

/**
 * For each line of a paragraph, heading or bullet, the folded text that follows it in its block (at most
 * MAX_QUERY_LENGTH characters): a phrase that starts on a line and runs on past its end is found there.
 * A joining space comes first where the line ends and the next begins with an ASCII letter or digit.
 */
function continuations(lines: readonly string[]): Map<number, string> {
  let kpi: { start: number; end: number } | undefined;
  try {
    kpi = kpiTableRange(lines);
  } catch {
    kpi = undefined;
  }
  const out = new Map<number, string>();
  const word = /[a-z0-9_]/;
  for (const block of blocksOf(lines, { kpi })) {
    if (block.kind === 'TABLE' || block.kind === 'KPI' || block.kind === 'PAGE') continue;
    const folded = block.lines.map((n) => foldText(lines[n - 1] ?? ''));
    block.lines.forEach((n, k) => {
      let rest = '';
      let prev = folded[k] ?? '';
      for (let j = k + 1; j < folded.length && rest.length < MAX_QUERY_LENGTH; j++) {
        const t = folded[j] ?? '';
        if (t === '') continue;
        if (word.test(prev.at(-1) ?? '') && word.test(t[0] ?? '')) rest += ' ';
        rest += t;
        prev = t;
      }
      if (rest) out.set(n, rest.slice(0, MAX_QUERY_LENGTH));
    });
  }
  return out;
}
