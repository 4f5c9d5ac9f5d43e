export { ENTITY_PROPERTIES, type EntityProperties, RECORD_PROPERTIES, SLIM_PROPERTIES } from './entity.js';
export { asEntityKind, ENTITY_KINDS, type EntityKind, idPrefixOf, KINDS, type KindInfo, kindOfId, typeNameOfKind } from './kinds.js';
export { RELATION_TYPES, type RelationType } from './relations.js';
export { CHINA_UNICOM_CSR_2020, metricValueId, REPORT, REPORTS, type Report } from './report.js';
export {
  DERIVATION_RULES,
  DERIVATIONS,
  type Derivation,
  type DerivationRule,
  METRIC_PERIODS,
  METRIC_SOURCES,
  type MetricPeriod,
  type MetricSource,
  REGION_LEVELS,
  type RegionLevel,
  SECTORS,
  type Sector,
} from './vocabulary.js';
