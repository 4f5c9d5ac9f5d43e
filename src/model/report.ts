/**
 * One report the graph is built from. Everything that used to be a module-level constant about "the"
 * report lives here, so that a second report (another year, another company) is a second descriptor plus
 * its data (seed/reports.ts binds a descriptor to its table of contents and KPI names), not new code.
 */
export interface Report {
  /** Stable id, carried by evidence, lines and metric values: "china-unicom-csr-2020". */
  readonly id: string;
  /** How the graph describes it (exports, docs). */
  readonly title: string;
  /** The text the evidence quotes, relative to the repository root. */
  readonly sourceFile: string;
  /** The entity id of the company that publishes the report, and so REPORTS every metric. */
  readonly reportingCompany: string;
  /** The year the report covers. */
  readonly year: number;
  /** The years of its key performance table. */
  readonly years: readonly number[];
  /** The language of the text (BCP 47). */
  readonly language: string;
}

export const CHINA_UNICOM_CSR_2020 = {
  id: 'china-unicom-csr-2020',
  title: 'China Unicom (Hong Kong) 2020 CSR report',
  sourceFile: 'seed/source/china-unicom-csr-2020.zh-Hant.txt',
  reportingCompany: 'company/china-unicom-hk',
  year: 2020,
  years: [2018, 2019, 2020],
  language: 'zh-Hant',
} as const satisfies Report;

/** Every report the graph holds, by id. */
export const REPORTS: ReadonlyMap<string, Report> = new Map([[CHINA_UNICOM_CSR_2020.id, CHINA_UNICOM_CSR_2020]]);

/** The report the seed builds today (the graph holds one). */
export const REPORT: Report = CHINA_UNICOM_CSR_2020;

/** The id of a metric's value of one year in one report: a later report that restates a year adds a value, not a clash. */
export const metricValueId = (report: Report, metricId: string, year: number): string => `${report.id}:${metricId}@${year}`;
