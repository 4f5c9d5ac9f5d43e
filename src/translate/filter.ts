import { apiError } from '../errors.js';
import { ENTITY_KINDS } from '../model/index.js';
import { MAX_QUERY_LENGTH, normalizeQuery, scriptVariants } from '../search/text.js';

/** EntityWhere as the resolver receives it (enum values already mapped to stored values). */
export interface EntityWhereInput {
  kinds?: readonly string[] | null;
  sectors?: readonly string[] | null;
  levels?: readonly string[] | null;
  categories?: readonly string[] | null;
  year?: IntRangeInput | null;
  locatedIn?: string | null;
  nameContains?: string | null;
  nameStartsWith?: string | null;
  degree?: IntRangeInput | null;
  hasRelation?: readonly string[] | null;
  source?: string | null;
}

export interface IntRangeInput {
  min?: number | null;
  max?: number | null;
}

/** The arguments `entities` took before `where` (kept, deprecated): folded into the same filter. */
export interface LegacyFilter {
  kinds?: readonly string[] | null;
  sector?: string | null;
  level?: string | null;
  year?: number | null;
  category?: string | null;
}

const list = <T>(xs: readonly T[] | null | undefined): T[] | null => (xs?.length ? [...new Set(xs)] : null);

/** Both of two lists when given (their intersection), else whichever is given. */
function both<T>(a: T[] | null, b: T[] | null): T[] | null {
  if (a && b) return a.filter((x) => b.includes(x));
  return a ?? b;
}

function range(name: string, r: IntRangeInput | null | undefined): { min: number | null; max: number | null } {
  const min = r?.min ?? null;
  const max = r?.max ?? null;
  if (min != null && max != null && min > max)
    throw apiError(`\`${name}\` has min ${min} above max ${max}: give min ≤ max (both inclusive).`, 'BAD_USER_INPUT', { argument: name });
  return { min, max };
}

/** A name filter's forms to look for: as typed, Traditional and Simplified, lower case. */
function nameForms(name: string, text: string | null | undefined): string[] | null {
  if (text == null) return null;
  if (text.length > MAX_QUERY_LENGTH)
    throw apiError(`\`${name}\` is ${text.length} characters long; at most ${MAX_QUERY_LENGTH} are allowed.`, 'BAD_USER_INPUT', {
      argument: name,
    });
  const q = normalizeQuery(text).toLowerCase();
  if (!q) throw apiError(`\`${name}\` is empty: give some characters of a name, e.g. "聯通".`, 'BAD_USER_INPUT', { argument: name });
  return scriptVariants(q).map((v) => v.toLowerCase());
}

/** The condition each EntityWhere field adds (only those given are in the statement), with its parameters. */
const CONDITIONS: readonly [param: string, condition: string][] = [
  ['sectors', 'n.sector IN $sectors'],
  ['levels', 'n.level IN $levels'],
  ['categories', 'n.category IN $categories'],
  ['source', 'n.source = $source'],
  ['yearMin', 'n.year >= $yearMin'],
  ['yearMax', 'n.year <= $yearMax'],
  ['contains', 'any(q IN $contains WHERE toLower(n.searchText) CONTAINS q)'],
  [
    'startsWith',
    "any(q IN $startsWith WHERE any(name IN [n.nameZh, coalesce(n.nameEn, '')] + coalesce(n.aliases, []) WHERE toLower(name) STARTS WITH q))",
  ],
  ['hasRelation', 'EXISTS { MATCH (n)-[r]-(:Entity) WHERE type(r) IN $hasRelation }'],
  ['degreeMin', 'COUNT { (n)--(:Entity) } >= $degreeMin'],
  ['degreeMax', 'COUNT { (n)--(:Entity) } <= $degreeMax'],
];

/**
 * Where the candidates come from: every entity of $kinds (through the kind index), or, for one kind or all
 * of them, every entity with a condition on (kind, id) or id that a range index answers in id order
 * (cypher/schema.cypher entity_kind_id, entity_id): a page by id then reads the page, not every candidate
 * (a page of 6,300 partners at scale 100: 520 index entries instead of 6,300 plus a sort), ...
 */
const BY_KIND = 'UNWIND $kinds AS kind\nMATCH (n:Entity {kind: kind})';
const ANY_ENTITY = 'MATCH (n:Entity)';

/**
 * ... or, with `locatedIn`, what lies in that region, found from it (LOCATED_IN forms a tree, seed/DATA.md,
 * so following it to any depth ends at the root): places and anything LOCATED_IN them, and the programs and
 * products of the branches there. Then only $kinds are kept (a condition of `where`).
 */
const IN_REGION = `MATCH (place:Entity {id: $locatedIn})
CALL (place) {
  MATCH (n:Entity)-[:LOCATED_IN]->+(place) RETURN n
  UNION
  MATCH (n:Program|Product)<-[:RUNS|PARTICIPATES_IN|OFFERS]-(:Branch)-[:LOCATED_IN]->+(place) RETURN n
}
WITH n`;

/** An EntityWhere as statement text and parameters (see filterClause). */
export interface Filter {
  /** The candidates for slot `match` of cypher/translate/{list,count,aggregate}.cypher, bound to `n`. */
  match: string;
  /** The WHERE condition for slot `where`. */
  where: string;
  params: Record<string, unknown>;
  /**
   * The ORDER BY (ascending or descending) that orders the candidates by id and that an index provides,
   * when there is one (one kind: kind then id, the kind being fixed; every kind: id); for sortClause.
   */
  byId?: (direction: 'ASC' | 'DESC') => string;
}

/**
 * The EntityWhere filter for cypher/translate/{list,count,aggregate}.cypher: `$kinds` always, and one
 * fixed condition per field given (so the text varies with which fields a client uses, never with their
 * values, and Neo4j plans small statements it can cache), values only as parameters.
 */
export function filterClause(where: EntityWhereInput | null | undefined, legacy: LegacyFilter = {}): Filter {
  const w = where ?? {};
  const year = range('where.year', w.year);
  const degree = range('where.degree', w.degree);
  let impossible = false;
  if (legacy.year != null) {
    if ((year.min != null && legacy.year < year.min) || (year.max != null && legacy.year > year.max)) impossible = true;
    year.min = year.max = legacy.year;
  }
  const values: Record<string, unknown> = {
    sectors: both(list(w.sectors), legacy.sector != null ? [legacy.sector] : null),
    levels: both(list(w.levels), legacy.level != null ? [legacy.level] : null),
    categories: both(list(w.categories), legacy.category != null ? [legacy.category] : null),
    source: w.source ?? null,
    yearMin: year.min,
    yearMax: year.max,
    contains: nameForms('where.nameContains', w.nameContains),
    startsWith: nameForms('where.nameStartsWith', w.nameStartsWith),
    hasRelation: list(w.hasRelation),
    degreeMin: degree.min,
    degreeMax: degree.max,
  };
  const given = both(list(w.kinds), list(legacy.kinds));
  const params: Record<string, unknown> = { kinds: given ?? [...ENTITY_KINDS] };
  const conditions: string[] = [];
  const locatedIn = w.locatedIn ?? null;
  let match = BY_KIND;
  let byId: Filter['byId'];
  if (locatedIn != null) {
    params.locatedIn = locatedIn;
    match = IN_REGION;
    // Only when kinds were given: over every kind the test keeps everything, and costs (a third of a
    // by-region count of the whole country).
    if (given) conditions.push('n.kind IN $kinds');
  } else if (given?.length === 1) {
    params.kind = given[0];
    match = ANY_ENTITY;
    conditions.push('n.kind = $kind', 'n.id IS NOT NULL');
    byId = (d) => `n.kind ${d}, n.id ${d}`;
  } else if (given == null) {
    match = ANY_ENTITY;
    conditions.push('n.id IS NOT NULL');
    byId = (d) => `n.id ${d}`;
  }
  for (const [param, condition] of CONDITIONS) {
    if (values[param] == null) continue;
    params[param] = values[param];
    conditions.push(condition);
  }
  if (impossible) conditions.push('false');
  return { match, where: conditions.length ? conditions.join('\n  AND ') : 'true', params, ...(byId ? { byId } : {}) };
}

/** The template fill of a filter: slots `match` and `where`. */
export const filterFill = (f: Filter): [string, string][] => [
  ['match', f.match],
  ['where', f.where],
];

export type SortField = 'ID' | 'NAME' | 'DEGREE' | 'MENTIONS' | 'YEAR' | 'VALUE' | 'NEIGHBOURS';
export interface SortInput {
  by: SortField;
  direction?: 'ASC' | 'DESC' | null;
  kind?: string | null;
}

/** At most this many sort keys (each may be a subquery per row). */
export const MAX_SORT_KEYS = 4;

/** The Cypher expression each sort key orders `n` by ($sN_kind: the kind counted by NEIGHBOURS). */
const SORT_EXPRESSIONS: ReadonlyMap<SortField, (i: number) => string> = new Map<SortField, (i: number) => string>([
  ['ID', () => 'n.id'],
  ['NAME', () => 'coalesce(toLower(n.nameEn), n.nameZh)'],
  ['DEGREE', () => 'COUNT { (n)--(:Entity) }'],
  ['MENTIONS', () => 'size(n.mentionLines)'],
  ['YEAR', () => 'n.year'],
  // A metric's latest value (other kinds have none and sort last).
  [
    'VALUE',
    () => 'head(COLLECT { MATCH (n)-[:HAS_VALUE]->(v:MetricValue) WHERE v.value IS NOT NULL RETURN v.value ORDER BY v.year DESC })',
  ],
  ['NEIGHBOURS', (i) => `COUNT { MATCH (n)--(o:Entity) WHERE $s${i}_kind IS NULL OR o.kind = $s${i}_kind RETURN DISTINCT o }`],
]);

/**
 * The sort keys for `sort`, as the text of cypher/translate/list.cypher's `{{keys}}` (each key computed
 * once per row: `, <expression> AS s0, ...`) and `{{order}}`, generated from enum values only (the text
 * varies with the sort's shape, never with client text), and their parameters. Entities without the
 * value sort last either way; ties go by id.
 */
export function sortClause(
  sort: readonly SortInput[],
  filter?: Pick<Filter, 'byId'>,
): { keys: string; order: string; params: Record<string, unknown> } {
  if (sort.length > MAX_SORT_KEYS)
    throw apiError(`\`sort\` has ${sort.length} keys; at most ${MAX_SORT_KEYS} are allowed.`, 'BAD_USER_INPUT', { argument: 'sort' });
  // By id alone, over candidates an index lists in id order: that order (ids are never null, and unique).
  const [only] = sort;
  if (sort.length === 1 && only?.by === 'ID' && filter?.byId)
    return { keys: '', order: filter.byId(only.direction === 'DESC' ? 'DESC' : 'ASC'), params: {} };
  const keys: string[] = [];
  const order: string[] = [];
  const params: Record<string, unknown> = {};
  sort.forEach((s, i) => {
    const expression = SORT_EXPRESSIONS.get(s.by);
    if (!expression) throw apiError(`Unknown sort key ${String(s.by)}.`, 'BAD_USER_INPUT', { argument: 'sort' });
    if (s.kind != null && s.by !== 'NEIGHBOURS')
      throw apiError(`\`kind\` only applies to sort by NEIGHBOURS (got it with ${s.by}).`, 'BAD_USER_INPUT', { argument: 'sort' });
    if (s.by === 'NEIGHBOURS') params[`s${i}_kind`] = s.kind ?? null;
    keys.push(`, ${expression(i)} AS s${i}`);
    order.push(`s${i} IS NULL`, `s${i} ${s.direction === 'DESC' ? 'DESC' : 'ASC'}`);
  });
  if (!sort.some((s) => s.by === 'ID')) order.push('n.id');
  return { keys: keys.join(''), order: order.join(', '), params };
}

/** The sort the deprecated `orderBy` enum means. */
export function legacySort(orderBy: string | null | undefined): SortInput[] {
  switch (orderBy) {
    case 'NAME':
      return [{ by: 'NAME' }];
    case 'DEGREE':
      return [{ by: 'DEGREE', direction: 'DESC' }];
    case 'MENTIONS':
      return [{ by: 'MENTIONS', direction: 'DESC' }];
    default:
      return [{ by: 'ID' }];
  }
}

export type GroupField = 'KIND' | 'SECTOR' | 'LEVEL' | 'CATEGORY' | 'YEAR' | 'PROVINCE' | 'RELATION_TYPE' | 'RELATED';

/**
 * The one group key of each entity `n`, for the groupings that have exactly one (a property): grouped
 * directly by cypher/translate/aggregate-one.cypher, without a list per entity (a count of the whole
 * country by kind in 14 ms instead of 18 at scale 10).
 */
const ONE_KEY: ReadonlyMap<GroupField, string> = new Map<GroupField, string>([
  ['KIND', 'n.kind'],
  ['SECTOR', 'n.sector'],
  ['LEVEL', 'n.level'],
  ['CATEGORY', 'n.category'],
  ['YEAR', 'toString(n.year)'],
]);

/** The group keys of each entity `n` for the groupings where an entity may be in several groups (a list). */
const KEY_LISTS: ReadonlyMap<GroupField, string> = new Map<GroupField, string>([
  [
    'RELATED',
    "COLLECT { MATCH (n)-[r]-(o:Entity) WHERE ($types IS NULL OR type(r) IN $types) AND ($direction = 'BOTH' OR (startNode(r) = n) = ($direction = 'OUT')) AND ($otherKinds IS NULL OR o.kind IN $otherKinds) RETURN DISTINCT o.id }",
  ],
  [
    'PROVINCE',
    "COLLECT { MATCH (n)-[:LOCATED_IN]->*(p:Region {level: 'province'}) RETURN p.id AS id UNION MATCH (n:Program|Product)<-[:RUNS|PARTICIPATES_IN|OFFERS]-(:Branch)-[:LOCATED_IN]->*(p:Region {level: 'province'}) RETURN p.id AS id }",
  ],
  ['RELATION_TYPE', 'COLLECT { MATCH (n)-[r]-(:Entity) RETURN type(r) }'],
]);

/**
 * The statement that groups by `field` and the text of its slot `group` (generated from the GroupField enum
 * value only: only the grouping asked for is planned).
 */
export function groupClause(field: GroupField): { query: 'translate/aggregate' | 'translate/aggregate-one'; group: string } {
  const one = ONE_KEY.get(field);
  if (one) return { query: 'translate/aggregate-one', group: one };
  const list = KEY_LISTS.get(field);
  if (!list) throw new Error(`translate: no grouping for ${field}`);
  return { query: 'translate/aggregate', group: list };
}
