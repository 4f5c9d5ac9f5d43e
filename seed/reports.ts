import { CHINA_UNICOM_CSR_2020, type Report } from '../src/model/index.js';
import { KPI_NAMES, type KpiName } from './parse/kpi-names.js';
import { TOC, type TocEntry } from './parse/toc.js';

/**
 * A report as the seeder reads it: its descriptor (src/model/report.ts) and what was curated by reading
 * its text. A second report is one more entry here, its text under seed/source/ and its facts under
 * seed/data/.
 */
export interface SeedReport {
  readonly report: Report;
  /** Its chapters and sections with their first lines (checked against the text by seed/parse/sections.ts). */
  readonly toc: readonly TocEntry[];
  /** Row name as printed in its key performance table → English name and slug (seed/parse/kpi-table.ts). */
  readonly kpiNames: Readonly<Record<string, KpiName>>;
}

export const CSR_2020: SeedReport = { report: CHINA_UNICOM_CSR_2020, toc: TOC, kpiNames: KPI_NAMES };

/** The report the seed builds (the graph holds one today). */
export const SEED_REPORT: SeedReport = CSR_2020;
