import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { z } from 'zod';
import { kindOfId } from '../src/model/index.js';
import { nameKey } from '../src/search/names.js';
import { joinLines } from './parse/sentences.js';
import { checkRegionChains } from './region-chains.js';
import { allowedPairs, kindPairAllowed, loadRelationKinds, type RelationKinds } from './relation-kinds.js';
import { SEED_REPORT } from './reports.js';
import { DataFile, type EntityInput, type Evidence, type MetricInput, type RelationInput } from './schema.js';
import { lineText, sourceLines } from './source.js';

export const DATA_DIR = fileURLToPath(new URL('./data/', import.meta.url));

/** A problem in the curated data, located as file › entry › field. */
export class DataError extends Error {
  constructor(readonly problems: string[]) {
    super(`seed data is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n  ${problems.join('\n  ')}`);
    this.name = 'DataError';
  }
}

export interface CuratedData {
  entities: (EntityInput & { file: string })[];
  relations: (RelationInput & { file: string })[];
  metrics: (MetricInput & { file: string })[];
}

function entryName(file: string, list: string, index: number, raw: unknown): string {
  const id = (raw as { id?: unknown } | undefined)?.id;
  const label = typeof id === 'string' ? ` (${id})` : '';
  return `${file} › ${list}[${index}]${label}`;
}

function formatIssue(file: string, doc: unknown, issue: z.core.$ZodIssue): string {
  const [list, index, ...field] = issue.path;
  const where =
    typeof list === 'string' && typeof index === 'number'
      ? entryName(file, list, index, (doc as Record<string, unknown[]>)[list]?.[index])
      : file;
  const fieldPath = field.length > 0 ? ` › ${field.join('.')}` : '';
  return `${where}${fieldPath}: ${issue.message}`;
}

/** The shortest quote a reader can recognise a claim in; anything shorter is a fragment of a name. */
export const MIN_QUOTE_CHARS = 4;

/**
 * Checks that a quote occurs verbatim in the joined text of its cited lines (`line..lineEnd`, see
 * seed/parse/sentences.ts joinLines) and is long enough to prove something.
 */
export function checkEvidence(where: string, evidence: readonly (Evidence | { line: number; quote: string })[], problems: string[]): void {
  const lines = sourceLines();
  evidence.forEach((ev, i) => {
    const end = 'lineEnd' in ev && ev.lineEnd !== undefined ? ev.lineEnd : ev.line;
    const text = lineText(ev.line);
    const at = end === ev.line ? `line ${ev.line}` : `lines ${ev.line}–${end}`;
    if (text === undefined || lineText(end) === undefined)
      problems.push(`${where} › evidence[${i}]: ${at} is past the end of the report (${lines.length} lines)`);
    else if ([...ev.quote].length < MIN_QUOTE_CHARS)
      problems.push(
        `${where} › evidence[${i}]: quote "${ev.quote}" on ${at} is shorter than ${MIN_QUOTE_CHARS} characters; quote the words that state the fact (add lineEnd to quote across a line break)`,
      );
    else if (!joinLines(lines, ev.line, end).includes(ev.quote))
      problems.push(
        `${where} › evidence[${i}]: quote "${ev.quote}" does not occur on ${at} ("${joinLines(lines, ev.line, end)}": lines trimmed and joined)${end === ev.line ? '; a quote that runs on to the next line needs lineEnd' : ''}`,
      );
  });
}

/**
 * DATA.md: every value whose quote says 累計 (or 以來, "since") is a running total, `period: cumulative`. A
 * value filed as a calendar year's would be compared with the next year's as if both were annual.
 */
export function checkCumulative(
  where: string,
  values: readonly { quote: string; period?: string; year: number }[],
  problems: string[],
): void {
  values.forEach((v, i) => {
    const word = ['累計', '以來'].find((w) => v.quote.includes(w));
    if (word && (v.period ?? 'year') !== 'cumulative')
      problems.push(
        `${where}[${i}] (${v.year}): the quote "${v.quote}" says ${word}, so the value is a running total: add period: cumulative`,
      );
  });
}

/**
 * Checks that a relation joins kinds its type allows (seed/rules/relation-kinds.yaml, the machine form of
 * DATA.md's table "Relation types and their direction"); ids whose prefix names no kind are left to the
 * id checks.
 */
export function checkRelationKinds(
  where: string,
  r: Pick<RelationInput, 'type' | 'from' | 'to'>,
  rules: RelationKinds,
  problems: string[],
): void {
  const from = kindOfId(r.from);
  const to = kindOfId(r.to);
  if (!from || !to || kindPairAllowed(rules, r.type, from, to)) return;
  problems.push(
    `${where} › kinds: ${from} → ${to} is not allowed for ${r.type}; allowed: ${allowedPairs(rules, r.type).join(', ')} (seed/rules/relation-kinds.yaml, DATA.md's relation table: fix the type or direction, or extend both with the reason)`,
  );
}

/**
 * Checks that no folded name (nameKey) of a THEME is a printed name, English name or alias of any other
 * entity or metric: a theme's names belong to it alone, so `entity(name:)` never has to choose.
 */
export function checkThemeNames(
  entities: readonly (Pick<EntityInput, 'id' | 'kind' | 'nameZh' | 'nameEn' | 'aliases'> & { file: string })[],
  metrics: readonly (Pick<MetricInput, 'id' | 'nameZh' | 'nameEn' | 'aliases'> & { file: string })[],
  problems: string[],
): void {
  const fields = (e: { nameZh: string; nameEn?: string | undefined; aliases: readonly string[] }): [string, string][] => [
    ['nameZh', e.nameZh],
    ...(e.nameEn ? [['nameEn', e.nameEn] as [string, string]] : []),
    ...e.aliases.map((a, i): [string, string] => [`aliases[${i}]`, a]),
  ];
  const others = new Map<string, string[]>();
  for (const e of [...entities.filter((x) => x.kind !== 'THEME'), ...metrics])
    for (const [field, name] of fields(e)) {
      const key = nameKey(name);
      if (!key) continue;
      const owner = `${e.id} (${e.file} › ${field} "${name}")`;
      const list = others.get(key);
      if (list) list.push(owner);
      else others.set(key, [owner]);
    }
  for (const t of entities.filter((x) => x.kind === 'THEME'))
    for (const [field, name] of fields(t)) {
      const clash = others.get(nameKey(name));
      if (clash)
        problems.push(
          `${t.file} › ${t.id} › ${field}: "${name}" is also a name of ${clash.join(', ')}; a theme's names belong to it alone (remove the alias from the other entity, or rename the theme in tools/theme-candidates.ts)`,
        );
    }
}

/**
 * Reads every YAML file of seed/data/, validates it with zod and cross-checks it (ids unique, relation
 * ends exist, every quote on its line, every relation between kinds its type allows — the REPORTS edges
 * the seeder writes included —, no theme name shared with another entity). Throws a DataError that lists
 * every problem found.
 */
export function loadCuratedData(
  dir = DATA_DIR,
  extraIds: Iterable<string> = [],
  relationKinds: RelationKinds = loadRelationKinds(),
): CuratedData {
  const problems: string[] = [];
  const data: CuratedData = { entities: [], relations: [], metrics: [] };
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort();
  for (const file of files) {
    let doc: unknown;
    try {
      doc = parse(readFileSync(join(dir, file), 'utf8'));
    } catch (err) {
      problems.push(`${file}: not valid YAML: ${(err as Error).message.split('\n')[0]}`);
      continue;
    }
    const parsed = DataFile.safeParse(doc ?? {});
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(formatIssue(file, doc, issue));
      continue;
    }
    for (const e of parsed.data.entities) data.entities.push({ ...e, file });
    for (const r of parsed.data.relations) data.relations.push({ ...r, file });
    for (const m of parsed.data.metrics) data.metrics.push({ ...m, file });
  }

  const ids = new Map<string, string>();
  for (const e of [...data.entities, ...data.metrics]) {
    const seen = ids.get(e.id);
    if (seen) problems.push(`${e.file} › ${e.id}: id already defined in ${seen}`);
    else ids.set(e.id, e.file);
  }
  for (const id of extraIds) ids.set(id, '(generated)');

  for (const e of data.entities) checkEvidence(`${e.file} › ${e.id}`, e.evidence, problems);
  for (const m of data.metrics) {
    checkEvidence(`${m.file} › ${m.id}`, m.evidence, problems);
    checkEvidence(`${m.file} › ${m.id} › values`, m.values, problems);
    checkCumulative(`${m.file} › ${m.id} › values`, m.values, problems);
  }
  data.relations.forEach((r, i) => {
    const where = `${r.file} › relations ${r.type} ${r.from} -> ${r.to}`;
    if (!ids.has(r.from)) problems.push(`${where} › from: no entity has id "${r.from}"`);
    if (!ids.has(r.to)) problems.push(`${where} › to: no entity has id "${r.to}"`);
    checkEvidence(where, r.evidence, problems);
    checkRelationKinds(where, r, relationKinds, problems);
    void i;
  });
  // The seeder writes a MEASURED_BY edge from the entity a metric is `of` to the metric (seed/build.ts).
  for (const m of data.metrics) {
    if (m.of === undefined) continue;
    const where = `${m.file} › ${m.id} › of`;
    if (m.of === SEED_REPORT.report.reportingCompany)
      problems.push(
        `${where}: "${m.of}" is the reporting company, which REPORTS every metric already: leave \`of\` out for a company-level figure`,
      );
    else if (!ids.has(m.of)) problems.push(`${where}: no entity has id "${m.of}"`);
    else
      checkRelationKinds(
        `${m.file} › ${m.id} › MEASURED_BY ${m.of} -> ${m.id}`,
        { type: 'MEASURED_BY', from: m.of, to: m.id },
        relationKinds,
        problems,
      );
  }
  // The seeder writes one REPORTS edge from the reporting company to every metric (seed/build.ts).
  checkRelationKinds(
    `seed/build.ts › relations REPORTS ${SEED_REPORT.report.reportingCompany} -> metric/*`,
    { type: 'REPORTS', from: SEED_REPORT.report.reportingCompany, to: 'metric/any' },
    relationKinds,
    problems,
  );
  checkThemeNames(data.entities, data.metrics, problems);
  checkRegionChains(data.entities, data.relations, problems);

  if (problems.length > 0) throw new DataError(problems);
  return data;
}
