import { createHash } from 'node:crypto';
import { type EntityProperties, KINDS, metricValueId, type Report, typeNameOfKind } from '../src/model/index.js';
import { toSimplified, toTraditional } from '../src/search/chinese.js';
import { type NameKeyRow, nameKeyRows } from '../src/search/names.js';
import type { CuratedData } from './data-files.js';
import { duplicateRanges, isInCopy } from './parse/duplicates.js';
import { mentionsForAll } from './parse/mentions.js';
import { pathOf, type Section, sectionAt, sectionsOf } from './parse/sections.js';
import { SEED_REPORT, type SeedReport } from './reports.js';
import type { Evidence } from './schema.js';

export interface EvidenceProps {
  evidenceReports: string[];
  evidenceLines: number[];
  evidenceQuotes: string[];
  evidenceSections: string[];
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

function evidenceProps(report: Report, sectionOf: ReturnType<typeof sectionFinder>, evidence: readonly Evidence[]): EvidenceProps {
  return {
    evidenceReports: evidence.map(() => report.id),
    evidenceLines: evidence.map((e) => e.line),
    evidenceQuotes: evidence.map((e) => e.quote),
    evidenceSections: evidence.map((e) => sectionOf(e.line)?.path ?? ''),
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

/** Turns curated data plus the report text into the rows the writer MERGEs. Pure: no database. */
export function buildGraph(data: CuratedData, lines: readonly string[], source: SeedReport = SEED_REPORT): GraphRows {
  const { report } = source;
  const sections = sectionsOf(lines, source.toc);
  const sectionOf = sectionFinder(sections);
  const evidence = (ev: readonly Evidence[]) => evidenceProps(report, sectionOf, ev);
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
        category: e.category,
        title: e.title,
        year: e.year,
        date: e.date,
        searchText: searchNames(names).join('\n'),
        ...evidence(e.evidence),
        mentionLines: [],
      }),
    });
  }
  const metricValues: MetricValueRow[] = [];
  const relations: RelationRow[] = [];
  for (const m of data.metrics) {
    const cited = m.evidence.length > 0 ? m.evidence : m.values.map((v) => ({ line: v.line, quote: v.quote }));
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
        searchText: searchNames(names).join('\n'),
        ...evidence(cited),
        mentionLines: [],
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
          ...(v.asOf ? { asOf: v.asOf } : {}),
          evidenceLine: v.line,
          evidenceQuote: v.quote,
          evidenceSection: sectionOf(v.line)?.path ?? '',
        },
      });
    }
    relations.push({
      id: `REPORTS:${report.reportingCompany}->${m.id}`,
      type: 'REPORTS',
      from: report.reportingCompany,
      to: m.id,
      props: { label: '披露', ...evidence(cited) },
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
  const mentions = mentionsForAll(lines, mentionInput);
  for (const e of entities) e.props.mentionLines = mentions.get(e.id) ?? [];

  const copies = duplicateRanges(lines);
  const lineRows: LineRow[] = lines.map((text, i) => {
    const s = sectionOf(i + 1);
    return {
      report: report.id,
      number: i + 1,
      text,
      sectionId: s?.id ?? null,
      section: s?.path ?? null,
      duplicate: isInCopy(copies, i + 1),
    };
  });

  const nameKeys = entities.flatMap((e) =>
    nameKeyRows({ id: e.id, kind: e.props.kind, nameZh: e.props.nameZh, nameEn: e.props.nameEn, aliases: e.props.aliases }),
  );

  const version = createHash('sha256')
    .update(JSON.stringify({ entities, relations, metricValues, sectionRows, nameKeys }))
    .update(lines.join('\n'))
    .digest('hex')
    .slice(0, 16);
  return { entities, relations, metricValues, lines: lineRows, sections: sectionRows, nameKeys, version };
}
