import { createHash } from 'node:crypto';
import * as OpenCC from 'opencc-js';
import { type NameKeyRow, nameKeyRows } from '../src/search/names.js';
import type { CuratedData } from './data-files.js';
import { isDuplicateLine } from './parse/duplicates.js';
import { mentionsForAll } from './parse/mentions.js';
import { sectionForLine, sectionsOf } from './parse/sections.js';
import type { EntityKind, Evidence } from './schema.js';

const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });
const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });

/** The Neo4j label of a kind: COMPANY → Company. */
export const labelOf = (kind: EntityKind): string => kind.charAt(0) + kind.slice(1).toLowerCase();

export interface EvidenceProps {
  evidenceLines: number[];
  evidenceQuotes: string[];
  evidenceSections: string[];
}

export interface EntityRow {
  id: string;
  label: string;
  props: Record<string, unknown> & EvidenceProps;
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

function evidenceProps(evidence: readonly Evidence[]): EvidenceProps {
  return {
    evidenceLines: evidence.map((e) => e.line),
    evidenceQuotes: evidence.map((e) => e.quote),
    evidenceSections: evidence.map((e) => sectionForLine(e.line)?.path ?? ''),
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

function compact(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** The company that publishes the report, and so REPORTS every metric. */
export const REPORTING_COMPANY = 'company/china-unicom-hk';

/** Turns curated data plus the report text into the rows the writer MERGEs. Pure: no database. */
export function buildGraph(data: CuratedData, lines: readonly string[]): GraphRows {
  const sections = sectionsOf(lines);
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
      label: labelOf(e.kind),
      props: compact({
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
        ...evidenceProps(e.evidence),
      }) as EntityRow['props'],
    });
  }
  const metricValues: MetricValueRow[] = [];
  const relations: RelationRow[] = [];
  for (const m of data.metrics) {
    const evidence = m.evidence.length > 0 ? m.evidence : m.values.map((v) => ({ line: v.line, quote: v.quote }));
    const names = [m.nameZh, ...(m.nameEn ? [m.nameEn] : []), ...m.aliases];
    entities.push({
      id: m.id,
      label: 'Metric',
      props: compact({
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
        ...evidenceProps(evidence),
      }) as EntityRow['props'],
    });
    for (const v of m.values) {
      metricValues.push({
        id: `${m.id}@${v.year}`,
        metricId: m.id,
        props: {
          year: v.year,
          value: v.value,
          printed: v.printed,
          period: v.period ?? 'year',
          ...(v.asOf ? { asOf: v.asOf } : {}),
          evidenceLine: v.line,
          evidenceQuote: v.quote,
          evidenceSection: sectionForLine(v.line)?.path ?? '',
        },
      });
    }
    relations.push({
      id: `REPORTS:${REPORTING_COMPANY}->${m.id}`,
      type: 'REPORTS',
      from: REPORTING_COMPANY,
      to: m.id,
      props: { label: '披露', ...evidenceProps(evidence) },
    });
  }

  const relIds = new Map<string, number>();
  for (const r of data.relations) {
    const base = `${r.type}:${r.from}->${r.to}`;
    const n = (relIds.get(base) ?? 0) + 1;
    relIds.set(base, n);
    const { type, from, to, evidence, file: _file, ...rest } = r;
    relations.push({
      id: n === 1 ? base : `${base}#${n}`,
      type,
      from,
      to,
      props: compact({ ...rest, ...evidenceProps(evidence) }) as RelationRow['props'],
    });
  }

  const mentionInput = entities.map((e) => ({
    id: e.id,
    names: [e.props.nameZh as string, ...((e.props.aliases as string[]) ?? []), ...(e.props.nameEn ? [e.props.nameEn as string] : [])],
  }));
  const mentions = mentionsForAll(lines, mentionInput);
  for (const e of entities) e.props.mentionLines = mentions.get(e.id) ?? [];

  const lineRows: LineRow[] = lines.map((text, i) => {
    const s = sectionForLine(i + 1);
    return { number: i + 1, text, sectionId: s?.id ?? null, section: s?.path ?? null, duplicate: isDuplicateLine(i + 1) };
  });

  const nameKeys = entities.flatMap((e) =>
    nameKeyRows({
      id: e.id,
      kind: e.props.kind as string,
      nameZh: e.props.nameZh as string,
      nameEn: e.props.nameEn as string | null,
      aliases: (e.props.aliases as string[]) ?? [],
    }),
  );

  const version = createHash('sha256')
    .update(JSON.stringify({ entities, relations, metricValues, sectionRows, nameKeys }))
    .update(lines.join('\n'))
    .digest('hex')
    .slice(0, 16);
  return { entities, relations, metricValues, lines: lineRows, sections: sectionRows, nameKeys, version };
}
