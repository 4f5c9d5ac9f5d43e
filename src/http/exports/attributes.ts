import type { EntityRow, MetricValueRow, RelationRow } from './rows.js';

/** The formats an attribute can appear in. */
export type Format = 'json' | 'graphml' | 'csv';
/** GraphML `attr.type` of a <key>. */
export type GraphmlType = 'string' | 'int' | 'double' | 'boolean';

/**
 * One attribute of an exported node, link or metric value: its name (JSON key, GraphML key, CSV column),
 * its GraphML type, the formats it appears in, and its value. A list value is written as a JSON array,
 * and joined with "|" in GraphML and CSV (an empty list is left out / an empty cell).
 */
export interface Attribute<Row> {
  readonly name: string;
  readonly type: GraphmlType;
  readonly in: readonly Format[];
  readonly value: (row: Row) => unknown;
}

const ALL: readonly Format[] = ['json', 'graphml', 'csv'];
const CSV: readonly Format[] = ['csv'];
const GRAPHML: readonly Format[] = ['graphml'];

const all = <Row>(name: string, type: GraphmlType, value: (row: Row) => unknown): Attribute<Row> => ({ name, type, in: ALL, value });
const csv = <Row>(name: string, value: (row: Row) => unknown): Attribute<Row> => ({ name, type: 'string', in: CSV, value });

/** An entity: graph.json nodes, graph.graphml <node>s and entities.csv rows, in CSV column order. */
export const NODE_ATTRIBUTES: readonly Attribute<EntityRow>[] = [
  csv('id', (r) => r.entity.id),
  { name: 'label', type: 'string', in: GRAPHML, value: (r) => r.entity.nameZh },
  all('kind', 'string', (r) => r.entity.kind),
  all('nameZh', 'string', (r) => r.entity.nameZh),
  all('nameEn', 'string', (r) => r.entity.nameEn),
  all('aliases', 'string', (r) => r.entity.aliases ?? []),
  all('description', 'string', (r) => r.entity.description),
  all('sector', 'string', (r) => r.entity.sector),
  all('level', 'string', (r) => r.entity.level),
  all('category', 'string', (r) => r.entity.category),
  all('year', 'int', (r) => r.entity.year),
  all('date', 'string', (r) => r.entity.date),
  all('unit', 'string', (r) => r.entity.unit),
  all('source', 'string', (r) => r.entity.source),
  all('reference', 'boolean', (r) => r.entity.reference ?? false),
  all('derivation', 'string', (r) => r.entity.derivation ?? 'STATED'),
  all('rule', 'string', (r) => r.entity.rule),
  all('degree', 'int', (r) => r.degree),
  all('mentions', 'int', (r) => r.entity.mentionLines?.length ?? 0),
  all('evidenceLines', 'string', (r) => r.entity.evidenceLines ?? []),
  all('evidenceLineEnds', 'string', (r) => r.entity.evidenceLineEnds ?? r.entity.evidenceLines ?? []),
  all('evidenceSentences', 'string', (r) => r.entity.evidenceSentences ?? []),
  csv('evidenceQuote', (r) => r.entity.evidenceQuotes?.[0] ?? null),
];

/** A relationship: graph.json links, graph.graphml <edge>s and relations.csv rows, in CSV column order. */
export const EDGE_ATTRIBUTES: readonly Attribute<RelationRow>[] = [
  csv('id', (r) => r.id),
  csv('source', (r) => r.source),
  csv('target', (r) => r.target),
  all('type', 'string', (r) => r.type),
  csv('sourceKind', (r) => r.sourceKind),
  csv('targetKind', (r) => r.targetKind),
  all('year', 'int', (r) => r.props.year),
  all('date', 'string', (r) => r.props.date),
  all('label', 'string', (r) => r.props.label),
  all('kind', 'string', (r) => r.props.kind),
  all('share', 'double', (r) => r.props.share),
  all('role', 'string', (r) => r.props.role),
  all('derivation', 'string', (r) => r.props.derivation ?? 'STATED'),
  all('rule', 'string', (r) => r.props.rule),
  // Kept for readers of older exports: the same as derivation = INFERRED.
  all('inferred', 'boolean', (r) => r.props.derivation === 'INFERRED'),
  all('evidenceLines', 'string', (r) => r.props.evidenceLines ?? []),
  all('evidenceLineEnds', 'string', (r) => r.props.evidenceLineEnds ?? r.props.evidenceLines ?? []),
  all('evidenceSentences', 'string', (r) => r.props.evidenceSentences ?? []),
  csv('evidenceQuote', (r) => r.props.evidenceQuotes?.[0] ?? null),
];

/** A metric's value of one year: metrics.csv rows (long format). */
export const METRIC_VALUE_ATTRIBUTES: readonly Attribute<MetricValueRow>[] = [
  csv('metric', (r) => r.metric.id),
  csv('nameZh', (r) => r.metric.nameZh),
  csv('nameEn', (r) => r.metric.nameEn),
  csv('category', (r) => r.metric.category),
  csv('year', (r) => r.value.year),
  csv('value', (r) => r.value.value),
  csv('printed', (r) => r.value.printed),
  csv('unit', (r) => r.metric.unit),
  csv('source', (r) => r.metric.source),
  csv('derivation', (r) => r.value.derivation ?? 'STATED'),
  csv('rule', (r) => r.value.rule ?? null),
  csv('evidenceLine', (r) => r.value.evidenceLine),
  csv('evidenceLineEnd', (r) => r.value.evidenceLineEnd ?? r.value.evidenceLine),
  csv('evidenceSentence', (r) => r.value.evidenceSentence ?? null),
  csv('evidenceQuote', (r) => r.value.evidenceQuote),
];

/** The attributes of a table that appear in `format`, in table order. */
export const attributesIn = <Row>(table: readonly Attribute<Row>[], format: Format): readonly Attribute<Row>[] =>
  table.filter((a) => a.in.includes(format));

/** The names of the attributes of a table that appear in `format`, in table order. */
export const namesIn = <Row>(table: readonly Attribute<Row>[], format: Format): string[] => attributesIn(table, format).map((a) => a.name);

/** A list as one GraphML / CSV value: joined with "|", null when empty. */
export function joinedList(v: unknown): unknown {
  if (!Array.isArray(v)) return v;
  return v.length > 0 ? v.join('|') : null;
}
