import { toSimplified } from '../../src/search/chinese.js';
import type { MetricInput } from '../schema.js';
import { KPI_NAMES, type KpiName } from './kpi-names.js';

type MetricValue = MetricInput['values'][number];

const HEADER = /^\s*類別\s+指標\s+單位((?:\s+\d{4}年)+)\s*$/;
const NOTES_START = /^\s*註[：:]\s*$/;
const NOTE = /^\s*(\d+)\.\s*(.*)$/;
// A category heading is a bare run of Han characters on its own line.
const HEADING = /^\s*\p{Script=Han}+\s*$/u;
const NUMBER = /^[<>≥≤]?(\d+(?:\.\d+)?)%?$/;
const RATIO = /^(\d+(?:\.\d+)?)[：:](\d+(?:\.\d+)?)$/;
const NONE = /^[—–-]$/;
const GRADE = /^[A-D]{1,3}[+-]?$/;
const FOOTNOTE_MARKER = /^(.*\D)(\d+)$/;

/** Where the table starts and ends, and the years of its columns. */
interface TableRegion {
  start: number;
  notesAt: number;
  years: number[];
}

function headerYears(line: string): number[] | undefined {
  const m = HEADER.exec(line);
  return m?.[1]
    ?.trim()
    .split(/\s+/)
    .map((y) => Number.parseInt(y, 10));
}

function findRegion(lines: readonly string[]): TableRegion {
  const start = lines.findIndex((l) => HEADER.test(l));
  if (start < 0) throw new Error('KPI table: no header line "類別 指標 單位 2018年 …" in the source');
  const notesAt = lines.findIndex((l, i) => i > start && NOTES_START.test(l));
  if (notesAt < 0) throw new Error(`KPI table: no "註：" line after the header at line ${start + 1}`);
  return { start, notesAt, years: headerYears(lines[start] ?? '') ?? [] };
}

/** The 1-based lines the table spans, its header to its last note (a block of its own for seed/parse/sentences.ts). */
export function kpiTableRange(lines: readonly string[]): { start: number; end: number } {
  const { start, notesAt } = findRegion(lines);
  return { start: start + 1, end: notesAt + 1 + parseFootnoteLines(lines, notesAt) };
}

/** How many lines the notes under the table take. */
function parseFootnoteLines(lines: readonly string[], notesAt: number): number {
  let n = 0;
  for (let i = notesAt + 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (NOTE.test(line) || (n > 0 && line.trim() !== '' && !/^\s/.test(line))) n++;
    else break;
  }
  return n;
}

/**
 * The numbered notes under the table. A note the PDF wrapped continues on lines that start flush left;
 * the section after the notes starts indented or after a blank line.
 */
function parseFootnotes(lines: readonly string[], notesAt: number): Map<number, string> {
  const notes = new Map<number, string>();
  let current: number | undefined;
  for (let i = notesAt + 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const m = NOTE.exec(line);
    if (m?.[1] !== undefined && m[2] !== undefined) {
      current = Number.parseInt(m[1], 10);
      notes.set(current, m[2].trim());
    } else if (current !== undefined && line.trim() !== '' && !/^\s/.test(line)) {
      notes.set(current, `${notes.get(current) ?? ''}${line.trim()}`);
    } else break;
  }
  return notes;
}

/** The number a printed cell stands for: ratios as a quotient, "—" and letter grades as null. */
export function cellValue(printed: string): number | null | undefined {
  if (NONE.test(printed) || GRADE.test(printed)) return null;
  const ratio = RATIO.exec(printed);
  if (ratio?.[1] !== undefined && ratio[2] !== undefined) return Number(ratio[1]) / Number(ratio[2]);
  const n = NUMBER.exec(printed);
  return n?.[1] !== undefined ? Number(n[1]) : undefined;
}

interface Row {
  printedName: string;
  unit: string | undefined;
  cells: string[];
}

/** Splits "單位信息流量能耗5 千克標準煤╱ TB 3.71 3.48 2.83" into name, unit (may hold spaces) and cells. */
function splitRow(line: string, columns: number): Row | undefined {
  const tokens = line.trim().split(/\s+/);
  if (tokens.length < columns + 1) return undefined;
  const cells = tokens.slice(-columns);
  if (!cells.every((c) => cellValue(c) !== undefined)) return undefined;
  const unit = tokens.slice(1, -columns).join(' ');
  return { printedName: tokens[0] ?? '', unit: unit === '' ? undefined : unit, cells };
}

function splitFootnote(printedName: string, notes: ReadonlyMap<number, string>): { nameZh: string; footnote?: string } {
  const m = FOOTNOTE_MARKER.exec(printedName);
  const note = m?.[2] !== undefined ? notes.get(Number.parseInt(m[2], 10)) : undefined;
  return m?.[1] !== undefined && note !== undefined ? { nameZh: m[1], footnote: note } : { nameZh: printedName };
}

function lookupName(names: Readonly<Record<string, KpiName>>, nameZh: string, lineNo: number, text: string): KpiName {
  const name = Object.hasOwn(names, nameZh) ? names[nameZh] : undefined;
  if (!name) {
    throw new Error(
      `KPI table line ${lineNo}: row "${text.trim()}" has no English name for "${nameZh}"; add it to seed/parse/kpi-names.ts`,
    );
  }
  return name;
}

interface RowContext {
  category: string;
  years: readonly number[];
  lineNo: number;
  text: string;
  notes: ReadonlyMap<number, string>;
  names: Readonly<Record<string, KpiName>>;
}

function toMetric(row: Row, { category, years, lineNo, text, notes, names }: RowContext): MetricInput {
  const { nameZh, footnote } = splitFootnote(row.printedName, notes);
  const { slug, nameEn } = lookupName(names, nameZh, lineNo, text);
  const simplified = toSimplified(nameZh);
  // A sub-row printed as 其中／其中：X ("of which X") is also known by X alone.
  const bare = nameZh.replace(/^其中[：:]?/, '');
  const aliases = [...new Set([simplified, ...(bare === nameZh ? [] : [bare, toSimplified(bare)])])].filter((a) => a !== nameZh);
  const quote = text.trim();
  const values: MetricValue[] = row.cells.map((printed, i) => ({
    year: years[i] ?? Number.NaN,
    value: cellValue(printed) ?? null,
    printed,
    line: lineNo,
    quote,
    period: 'year',
  }));
  return {
    id: `metric/${slug}`,
    nameZh,
    nameEn,
    aliases,
    ...(row.unit !== undefined && { unit: row.unit }),
    category,
    ...(footnote !== undefined && { footnote }),
    source: 'kpi-table',
    // Read row by row by this parser, not checked one by one: a RULE fact (DATA.md «Derivation»).
    derivation: 'RULE',
    rule: 'kpi-table',
    values,
    evidence: [{ line: lineNo, quote: row.printedName }],
  };
}

/**
 * Reads the 關鍵績效 table (which the PDF split over two pages, each with its own header) from the report's
 * lines: one metric per row, in table order, a repeated row kept at its first occurrence. Throws on any
 * line inside the table that is neither a row, a heading nor a header, and on any row with no English name.
 */
export function parseKpiTable(lines: readonly string[], names: Readonly<Record<string, KpiName>> = KPI_NAMES): MetricInput[] {
  const { start, notesAt, years } = findRegion(lines);
  const notes = parseFootnotes(lines, notesAt);
  const metrics = new Map<string, MetricInput>();
  let category: string | undefined;
  for (let i = start; i < notesAt; i++) {
    const text = lines[i] ?? '';
    const lineNo = i + 1;
    if (text.trim() === '') continue;
    const pageYears = headerYears(text);
    if (pageYears) {
      if (pageYears.join() !== years.join()) throw new Error(`KPI table line ${lineNo}: header years ${pageYears} differ from ${years}`);
      // Page titles above a repeated header (附錄, 關鍵績效) read as headings; the header clears them.
      category = undefined;
      continue;
    }
    const row = splitRow(text, years.length);
    if (!row) {
      if (!HEADING.test(text)) throw new Error(`KPI table line ${lineNo}: cannot read "${text.trim()}" as a row or a heading`);
      category = text.trim();
      continue;
    }
    if (category === undefined) throw new Error(`KPI table line ${lineNo}: row "${text.trim()}" comes before any category heading`);
    const metric = toMetric(row, { category, years, lineNo, text, notes, names });
    if (metrics.has(metric.nameZh)) continue;
    if ([...metrics.values()].some((m) => m.id === metric.id)) {
      throw new Error(`KPI table line ${lineNo}: id ${metric.id} of "${metric.nameZh}" is already used by another row`);
    }
    metrics.set(metric.nameZh, metric);
  }
  return [...metrics.values()];
}
