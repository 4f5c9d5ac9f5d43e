/** Partner.sector: what sort of organisation a partner is. */
export const SECTORS = [
  'operator',
  'internet',
  'vendor',
  'university',
  'research',
  'media',
  'ngo',
  'un',
  'alliance',
  'finance',
  'government',
  'enterprise',
  'healthcare',
  'sports',
  'other',
] as const;
export type Sector = (typeof SECTORS)[number];

/** Region.level: how large a place is. */
export const REGION_LEVELS = ['country', 'province', 'city', 'county', 'district', 'town', 'village', 'area'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

/**
 * What a metric value covers: `year` the calendar year (the default), `cumulative` a running total up to
 * the end of the year (the report says 累計), `undated` a figure the report gives without a date (filed
 * under the report's year, which is only when it was stated).
 */
export const METRIC_PERIODS = ['year', 'cumulative', 'undated'] as const;
export type MetricPeriod = (typeof METRIC_PERIODS)[number];

/** Where a metric comes from: the report's KPI table or its text. */
export const METRIC_SOURCES = ['kpi-table', 'text'] as const;
export type MetricSource = (typeof METRIC_SOURCES)[number];

/**
 * How a fact (an entity, a relationship, a metric value) was derived: `STATED` a curator read its evidence
 * sentence and it says the fact; `RULE` a named tool rule made it and nobody checked it one by one (the
 * fact's `rule` names the rule); `INFERRED` implied, not printed (a city's province, a branch's parent).
 */
export const DERIVATIONS = ['STATED', 'RULE', 'INFERRED'] as const;
export type Derivation = (typeof DERIVATIONS)[number];

/**
 * The tool rules that make RULE facts: `theme-sentence` the ABOUT edges and `theme-table` the THEME
 * entities tools/theme-candidates.ts writes, `kpi-table` the metrics and values seed/parse/kpi-table.ts
 * reads from the KPI table, `reports-metric` the REPORTS edge seed/build.ts writes to every metric.
 */
export const DERIVATION_RULES = ['theme-sentence', 'theme-table', 'kpi-table', 'reports-metric'] as const;
export type DerivationRule = (typeof DERIVATION_RULES)[number];
