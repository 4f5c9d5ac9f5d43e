import type { Driver } from 'neo4j-driver';
import { applySchema } from '../src/db/schema.js';
import { buildGraph, type GraphRows } from './build.js';
import { checkEvidence, DATA_DIR, DataError, loadCuratedData } from './data-files.js';
import { parseKpiTable } from './parse/kpi-table.js';
import { SEED_REPORT, type SeedReport } from './reports.js';
import { sourceLines } from './source.js';
import { type Counts, type WriteOptions, writeGraph } from './write.js';

/** Reads, validates and builds the whole graph in memory; throws a DataError listing every problem. */
export function prepareGraph(dataDir = DATA_DIR, source: SeedReport = SEED_REPORT): GraphRows {
  const lines = sourceLines();
  const kpi = parseKpiTable(lines, source.kpiNames);
  const data = loadCuratedData(
    dataDir,
    kpi.map((m) => m.id),
  );
  const problems: string[] = [];
  const known = new Set(data.metrics.map((m) => m.id));
  for (const m of kpi) {
    if (known.has(m.id)) problems.push(`seed/parse/kpi-table.ts › ${m.id}: id also defined in seed/data/`);
    checkEvidence(`kpi-table › ${m.id}`, m.evidence, problems);
    checkEvidence(`kpi-table › ${m.id} › values`, m.values, problems);
  }
  if (problems.length > 0) throw new DataError(problems);
  return buildGraph({ ...data, metrics: [...kpi.map((m) => ({ ...m, file: 'kpi-table' })), ...data.metrics] }, lines, source);
}

export interface SeedResult {
  counts: Counts;
  version: string;
}

/** Validates the data (before touching the database), applies the schema and writes the graph in one transaction. */
export async function seed(
  driver: Driver,
  opts: Omit<WriteOptions, 'beforeCommit'> & { dataDir?: string; beforeCommit?: WriteOptions['beforeCommit'] },
): Promise<SeedResult> {
  const log = opts.log ?? (() => {});
  const rows = prepareGraph(opts.dataDir);
  log(
    `validated: ${rows.entities.length} entities, ${rows.relations.length} relations, ${rows.metricValues.length} metric values, ${rows.lines.length} lines`,
  );
  await applySchema(driver, opts.database);
  const counts = await writeGraph(driver, rows, opts);
  return { counts, version: rows.version };
}
