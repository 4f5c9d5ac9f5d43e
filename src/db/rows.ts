import type {
  EdgeRecord,
  EntityRecord,
  LineRecord,
  MentionRecord,
  MetricValueRecord,
  RelationRecord,
  SentenceRecord,
} from '../loaders/types.js';

/** A compiled projection's row (src/translate reads it with the plan that produced it). */
type Projected = Record<string, unknown>;

/** An entity whose name or id is close to an id that names nothing (entity/check-ids). */
export interface IdSuggestion {
  id: string;
  kind: string;
  nameZh: string;
  nameEn: string | null;
  /** The name or alias that matched what the id says (e.g. "Tibet"), when one did. */
  matched: string | null;
}

/** An id a filter names that exists, and its kind: the `checked` column of a statement guarding a filter (src/schema/filter-ids.ts). */
export interface CheckedId {
  id: string;
  kind: string;
}

/** A search hit before ranking: the slim entity and its full-text score. */
interface ScoredEntity {
  entity: EntityRecord;
  score: number;
}

/**
 * The row each named statement returns, by its name (cypher/<name>.cypher): what `Db.query` hands back.
 * The one place a Cypher file's RETURN clause meets TypeScript; a statement read without a type here goes
 * through the untyped `Db.read` (the exports' generic paging).
 */
export interface QueryRows {
  'entity/by-ids': { entity: EntityRecord; values: MetricValueRecord[] | null };
  'entity/degree': { id: string; degree: number };
  'entity/check-ids': { id: string; kind: string | null; suggestions: IdSuggestion[] };
  'relation/by-entity-ids': RelationRecord;
  'relation/neighbours': RelationRecord;
  'mention/by-entity-ids': MentionRecord;
  'metric/values-by-ids': { metricId: string; value: MetricValueRecord };
  'metric/count': { count: number };
  'metric/value-stats': { key: string; count: number; sum: number | null; min: number | null; max: number | null; avg: number | null };
  'translate/by-ids': { entity: Projected };
  'translate/by-name': { entity: Projected; matched: string; rank: number };
  /** entity is null on the one row of an empty page whose filter names ids (it still brings `checked`). */
  'translate/list': { entity: Projected | null; checked?: CheckedId[] };
  'translate/metric-list': { entity: Projected };
  'translate/count': { count: number; checked?: CheckedId[] };
  'translate/aggregate': { total: number; groups: { key: string | null; count: number }[]; checked?: CheckedId[] };
  'translate/aggregate-one': { total: number; groups: { key: string | null; count: number }[]; checked?: CheckedId[] };
  'search/names': { exact: { entity: EntityRecord; matched: string; rank: number }[]; hits: ScoredEntity[] };
  'search/contains': ScoredEntity;
  'graph/neighborhood': { nodes: EntityRecord[]; edges: EdgeRecord[]; truncated: boolean };
  'graph/paths': { nodes: EntityRecord[]; edges: EdgeRecord[] };
  'graph/paths-filtered': { nodes: EntityRecord[]; edges: EdgeRecord[] };
  'graph/hubs': { id: string };
  'graph/stats': { what: string; name: string; count: number };
  'meta/graph-version': { version: string | null; seededAt: string | null };
  'line/by-numbers': { line: LineRecord };
  'line/entities': { number: number; entity: EntityRecord };
  'line/phrase': { total: number; rows: { line: LineRecord; score: null }[] };
  'line/words': { total: number; rows: { line: LineRecord; score: number }[] };
  'sentence/by-ids': { sentence: SentenceRecord };
  'sentence/list': { total: number; rows: { sentence: SentenceRecord; score: null }[] };
  'sentence/search': { total: number; rows: { sentence: SentenceRecord; score: number }[] };
  'theme/partners': { themeId: string; node: EntityRecord };
}

export type TypedQuery = keyof QueryRows;
