import type { QueryName } from '../../db/cypher.js';
import type { Db } from '../../db/read.js';
import type { EntityRecord, MetricValueRecord, RelationProps } from '../../loaders/types.js';

/** Rows per database round-trip while streaming an export. */
export const EXPORT_PAGE_SIZE = 500;

/** A row of cypher/export/entities.cypher. */
export interface EntityRow {
  entity: EntityRecord;
  degree: number;
}
/** A row of cypher/export/relations.cypher. */
export interface RelationRow {
  id: string;
  source: string;
  target: string;
  sourceKind: string;
  targetKind: string;
  type: string;
  props: RelationProps & { evidenceLines?: number[]; evidenceQuotes?: string[] };
}
/** A row of cypher/export/metric-values.cypher. */
export interface MetricValueRow {
  metric: EntityRecord;
  value: MetricValueRecord & { id: string };
}

/** The query parameters an export may take; null where absent. */
export interface Filters {
  kinds: string[] | null;
  types: string[] | null;
  categories: string[] | null;
}

/** Every row of a paged export query, fetched EXPORT_PAGE_SIZE at a time by keyset (`after` the last id). */
export async function* pages<Row>(
  db: Db,
  name: QueryName,
  params: Record<string, unknown>,
  keyOf: (row: Row) => string,
  first?: Row[],
): AsyncGenerator<Row[]> {
  let after = '';
  let rows = first ?? (await db.read<Row>(name, { ...params, after, limit: EXPORT_PAGE_SIZE }));
  for (;;) {
    if (rows.length > 0) yield rows;
    const last = rows.at(-1);
    if (rows.length < EXPORT_PAGE_SIZE || !last) return;
    after = keyOf(last);
    rows = await db.read<Row>(name, { ...params, after, limit: EXPORT_PAGE_SIZE });
  }
}

/**
 * Fetches the first page now (so a database failure is a 503, not a cut-off body) and returns the
 * pages, that first one included.
 */
export async function paged<Row>(db: Db, name: QueryName, params: Record<string, unknown>, keyOf: (row: Row) => string) {
  const first = await db.read<Row>(name, { ...params, after: '', limit: EXPORT_PAGE_SIZE });
  return pages<Row>(db, name, params, keyOf, first);
}

/** The entities an export asks for (first page fetched now). */
export const entityPages = (db: Db, f: Filters) => paged<EntityRow>(db, 'export/entities', { kinds: f.kinds }, (r) => r.entity.id);

const relationQuery = (f: Filters) => ({ kinds: f.kinds, types: f.types });
const relationKey = (r: RelationRow) => r.id;

/** The relationships an export asks for, fetched as they are read. */
export const relationPages = (db: Db, f: Filters) => pages<RelationRow>(db, 'export/relations', relationQuery(f), relationKey);

/** The relationships an export asks for (first page fetched now). */
export const relationPagesNow = (db: Db, f: Filters) => paged<RelationRow>(db, 'export/relations', relationQuery(f), relationKey);

/** The metric values an export asks for (first page fetched now). */
export const metricValuePages = (db: Db, f: Filters) =>
  paged<MetricValueRow>(db, 'export/metric-values', { categories: f.categories }, (r) => r.value.id);
