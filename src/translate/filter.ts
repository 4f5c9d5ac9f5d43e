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
  about?: readonly string[] | null;
  /** STATED | RULE | INFERRED: the entity's own derivation is one of these. */
  derivation?: readonly string[] | null;
  relatedTo?: RelatedToInput | null;
  and?: readonly EntityWhereInput[] | null;
  or?: readonly EntityWhereInput[] | null;
}

/** EntityWhere.relatedTo: a relationship to one entity (`id`) or to any entity that meets `where`. */
export interface RelatedToInput {
  id?: string | null;
  where?: EntityWhereInput | null;
  relationTypes?: readonly string[] | null;
  /** Only relationships whose derivation is one of these (STATED | RULE | INFERRED). */
  derivations?: readonly string[] | null;
  direction?: string | null;
}

/** An id a filter names, where it names it (e.g. `where.and[0].about`), and the kind it must have, if any. */
export interface IdRef {
  argument: string;
  id: string;
  kind: string | null;
}

/**
 * How far a filter may branch: `and`, `or` and `relatedTo.where` nest at most MAX_WHERE_DEPTH levels below
 * the top `where`, each `and`/`or` list has at most MAX_WHERE_BRANCHES entries, and one filter holds at
 * most MAX_WHERE_PARTS EntityWhere objects, MAX_WHERE_SUBQUERIES subquery conditions (about, relatedTo,
 * hasRelation, degree, and locatedIn below the top) and MAX_FILTER_IDS ids in all. Each part is an EXISTS subquery
 * or a few conditions in ONE statement; Neo4j plans a new statement shape in time that grows with them.
 */
export const MAX_WHERE_DEPTH = 3;
export const MAX_WHERE_BRANCHES = 5;
export const MAX_WHERE_PARTS = 16;
/**
 * Measured on the seeded graph, on the loaded 2-core machine: the first request of a new filter shape waits for
 * Neo4j to plan it, ~1-3 s with 2-8 subqueries, ~4.7 s with 20, over 11 s (the request deadline) with 50; then
 * 20-100 ms warm. Ten keep a new shape's plan to a few seconds.
 */
export const MAX_WHERE_SUBQUERIES = 10;
export const MAX_FILTER_IDS = 50;

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

/**
 * The condition each EntityWhere field adds (only those given are in the statement), on the entity bound to
 * `v`, its value the parameter `p` (`$sectors` at the top, `$and0_sectors` in a branch ...).
 */
const CONDITIONS: readonly [param: string, condition: (v: string, p: string) => string][] = [
  ['sectors', (v, p) => `${v}.sector IN ${p}`],
  ['levels', (v, p) => `${v}.level IN ${p}`],
  ['categories', (v, p) => `${v}.category IN ${p}`],
  ['source', (v, p) => `${v}.source = ${p}`],
  // A fact with no derivation recorded (a graph seeded before it existed) counts as STATED, as the API shows it.
  ['derivation', (v, p) => `coalesce(${v}.derivation, 'STATED') IN ${p}`],
  ['yearMin', (v, p) => `${v}.year >= ${p}`],
  ['yearMax', (v, p) => `${v}.year <= ${p}`],
  ['contains', (v, p) => `any(q IN ${p} WHERE toLower(${v}.searchText) CONTAINS q)`],
  [
    'startsWith',
    (v, p) =>
      `any(q IN ${p} WHERE any(name IN [${v}.nameZh, coalesce(${v}.nameEn, '')] + coalesce(${v}.aliases, []) WHERE toLower(name) STARTS WITH q))`,
  ],
  ['hasRelation', (v, p) => `EXISTS { MATCH (${v})-[r]-(:Entity) WHERE type(r) IN ${p} }`],
  ['degreeMin', (v, p) => `COUNT { (${v})--(:Entity) } >= ${p}`],
  ['degreeMax', (v, p) => `COUNT { (${v})--(:Entity) } <= ${p}`],
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
  /** Every id the filter names, to be checked before its answer is trusted (an unknown id is NOT_FOUND). */
  ids: IdRef[];
  /**
   * The ORDER BY (ascending or descending) that orders the candidates by id and that an index provides,
   * when there is one (one kind: kind then id, the kind being fixed; every kind: id); for sortClause.
   */
  byId?: (direction: 'ASC' | 'DESC') => string;
}

/** What compiling one filter collects: parameters, the ids named, and counters for limits and names. */
interface State {
  params: Record<string, unknown>;
  ids: IdRef[];
  /** Subquery conditions so far (MAX_WHERE_SUBQUERIES). */
  subqueries: number;
  /** EntityWhere objects seen (MAX_WHERE_PARTS). */
  parts: number;
  /** Subquery variables made so far: each EXISTS gets names of its own (m1, rel1, t2 ...). */
  vars: number;
}

const badInput = (argument: string, message: string) => apiError(message, 'BAD_USER_INPUT', { argument });

/** Counts one subquery condition at `argument`, refusing past MAX_WHERE_SUBQUERIES. */
function subquery(s: State, argument: string) {
  if (++s.subqueries > MAX_WHERE_SUBQUERIES)
    throw badInput(
      argument,
      `The filter has more than ${MAX_WHERE_SUBQUERIES} subquery conditions (\`about\`, \`relatedTo\`, \`hasRelation\`, \`degree\`, and \`locatedIn\` inside \`and\`/\`or\`/\`relatedTo.where\`; the ${MAX_WHERE_SUBQUERIES + 1}th at \`${argument}\`): split the question into several requests.`,
    );
}

/** A region condition on `v` (locatedIn inside and/or/relatedTo, where it cannot be the candidates' source, as IN_REGION is). */
const inRegion = (v: string, p: string) =>
  `(EXISTS { MATCH (${v})-[:LOCATED_IN]->+(:Entity {id: ${p}}) } OR EXISTS { MATCH (${v}:Program|Product)<-[:RUNS|PARTICIPATES_IN|OFFERS]-(:Branch)-[:LOCATED_IN]->+(:Entity {id: ${p}}) })`;

/** The relationship pattern from `v` to `m` in a direction (an enum value: the text never holds client text). */
function relPattern(v: string, rel: string, m: string, direction: string | null | undefined, other: string): string {
  const node = `(${m}:Entity${other})`;
  if (direction === 'OUT') return `(${v})-[${rel}]->${node}`;
  if (direction === 'IN') return `(${v})<-[${rel}]-${node}`;
  return `(${v})-[${rel}]-${node}`;
}

function addId(s: State, argument: string, id: string, kind: string | null) {
  s.ids.push({ argument, id, kind });
  if (s.ids.length > MAX_FILTER_IDS)
    throw badInput(
      argument,
      `The filter names more than ${MAX_FILTER_IDS} ids (at \`${argument}\`); at most ${MAX_FILTER_IDS} are allowed in one \`where\`.`,
    );
}

/**
 * The conditions of one EntityWhere on the entity bound to `v`, except `kinds` and `locatedIn` (which the
 * top level turns into the candidates, and a nested one into conditions: see nested), each parameter named
 * `prefix` + its name, so that branches never share one. `path` names the argument in errors.
 */
function conditions(w: EntityWhereInput, v: string, prefix: string, path: string, depth: number, s: State): string[] {
  const year = range(`${path}.year`, w.year);
  const degree = range(`${path}.degree`, w.degree);
  const values: Record<string, unknown> = {
    sectors: list(w.sectors),
    levels: list(w.levels),
    categories: list(w.categories),
    source: w.source ?? null,
    derivation: list(w.derivation),
    yearMin: year.min,
    yearMax: year.max,
    contains: nameForms(`${path}.nameContains`, w.nameContains),
    startsWith: nameForms(`${path}.nameStartsWith`, w.nameStartsWith),
    hasRelation: list(w.hasRelation),
    degreeMin: degree.min,
    degreeMax: degree.max,
  };
  if (values.hasRelation != null) subquery(s, `${path}.hasRelation`);
  if (degree.min != null || degree.max != null) subquery(s, `${path}.degree`);
  const out: string[] = [];
  for (const [param, condition] of CONDITIONS) {
    if (values[param] == null) continue;
    s.params[prefix + param] = values[param];
    out.push(condition(v, `$${prefix}${param}`));
  }
  const about = list(w.about);
  if (about) {
    subquery(s, `${path}.about`);
    for (const id of about) addId(s, `${path}.about`, id, 'THEME');
    const t = `t${++s.vars}`;
    s.params[`${prefix}about`] = about;
    out.push(`EXISTS { MATCH (${v})-[:ABOUT]->(${t}:Entity) WHERE ${t}.id IN $${prefix}about }`);
  }
  const r = w.relatedTo;
  if (r) {
    const at = `${path}.relatedTo`;
    if ((r.id == null) === (r.where == null))
      throw badInput(
        at,
        `\`${at}\` takes either \`id\` (one entity, e.g. {id: "partner/huawei"}) or \`where\` (any entity that meets it, e.g. {where: {kinds: [PROGRAM], about: ["theme/5g"]}}), not ${r.id == null ? 'neither' : 'both'}.`,
      );
    subquery(s, at);
    const k = ++s.vars;
    const m = `m${k}`;
    const rel = `rel${k}`;
    const p = `${prefix}relatedTo_`;
    const inner: string[] = [];
    const types = list(r.relationTypes);
    if (types) {
      s.params[`${p}types`] = types;
      inner.push(`type(${rel}) IN $${p}types`);
    }
    const derivations = list(r.derivations);
    if (derivations) {
      s.params[`${p}derivations`] = derivations;
      inner.push(`coalesce(${rel}.derivation, 'STATED') IN $${p}derivations`);
    }
    let other = '';
    if (r.id != null) {
      addId(s, `${at}.id`, r.id, null);
      s.params[`${p}id`] = r.id;
      other = ` {id: $${p}id}`;
    } else inner.push(...nested(r.where as EntityWhereInput, m, p, `${at}.where`, depth + 1, s));
    const pattern = relPattern(v, rel, m, r.direction, other);
    out.push(`EXISTS { MATCH ${pattern}${inner.length ? ` WHERE ${inner.join(' AND ')}` : ''} }`);
  }
  const branches = (op: 'and' | 'or') => {
    const xs = w[op];
    if (!xs?.length) return null;
    if (xs.length > MAX_WHERE_BRANCHES)
      throw badInput(`${path}.${op}`, `\`${path}.${op}\` has ${xs.length} branches; at most ${MAX_WHERE_BRANCHES} are allowed.`);
    return xs.map((b, i) => nested(b, v, `${prefix}${op}${i}_`, `${path}.${op}[${i}]`, depth + 1, s));
  };
  for (const b of branches('and') ?? []) out.push(...b);
  const or = branches('or');
  if (or) out.push(`(${or.map((b) => (b.length ? `(${b.join(' AND ')})` : 'true')).join(' OR ')})`);
  return out;
}

/** The conditions of an EntityWhere inside `and`, `or` or `relatedTo.where`: all of them, kinds and region included. */
function nested(w: EntityWhereInput, v: string, prefix: string, path: string, depth: number, s: State): string[] {
  if (depth > MAX_WHERE_DEPTH)
    throw badInput(
      path,
      `\`${path}\` is nested ${depth} levels deep; \`and\`, \`or\` and \`relatedTo.where\` nest at most ${MAX_WHERE_DEPTH} levels.`,
    );
  if (++s.parts > MAX_WHERE_PARTS)
    throw badInput(
      path,
      `The filter has more than ${MAX_WHERE_PARTS} parts (at \`${path}\`): \`where\` with its \`and\`, \`or\` and \`relatedTo.where\` may hold at most ${MAX_WHERE_PARTS}.`,
    );
  const out: string[] = [];
  const kinds = list(w.kinds);
  if (kinds) {
    s.params[`${prefix}kinds`] = kinds;
    out.push(`${v}.kind IN $${prefix}kinds`);
  }
  if (w.locatedIn != null) {
    subquery(s, `${path}.locatedIn`);
    addId(s, `${path}.locatedIn`, w.locatedIn, null);
    s.params[`${prefix}locatedIn`] = w.locatedIn;
    out.push(inRegion(v, `$${prefix}locatedIn`));
  }
  out.push(...conditions(w, v, prefix, path, depth, s));
  return out;
}

/**
 * The EntityWhere filter for cypher/translate/{list,count,aggregate}.cypher: `$kinds` always, and one
 * fixed condition per field given (so the text varies with which fields a client uses and how it nests
 * them, never with their values, and Neo4j plans small statements it can cache), values only as parameters.
 * `and`, `or`, `about` and `relatedTo` are EXISTS subqueries and boolean conditions in the same statement.
 */
export function filterClause(where: EntityWhereInput | null | undefined, legacy: LegacyFilter = {}): Filter {
  const w = where ?? {};
  let impossible = false;
  const year = range('where.year', w.year);
  if (legacy.year != null) {
    if ((year.min != null && legacy.year < year.min) || (year.max != null && legacy.year > year.max)) impossible = true;
  }
  const folded: EntityWhereInput = {
    ...w,
    sectors: both(list(w.sectors), legacy.sector != null ? [legacy.sector] : null),
    levels: both(list(w.levels), legacy.level != null ? [legacy.level] : null),
    categories: both(list(w.categories), legacy.category != null ? [legacy.category] : null),
    year: legacy.year != null ? { min: legacy.year, max: legacy.year } : w.year,
  };
  const given = both(list(w.kinds), list(legacy.kinds));
  const s: State = { params: { kinds: given ?? [...ENTITY_KINDS] }, ids: [], subqueries: 0, parts: 1, vars: 0 };
  const params = s.params;
  const head: string[] = [];
  const locatedIn = w.locatedIn ?? null;
  let match = BY_KIND;
  let byId: Filter['byId'];
  if (locatedIn != null) {
    addId(s, 'where.locatedIn', locatedIn, null);
    params.locatedIn = locatedIn;
    match = IN_REGION;
    // Only when kinds were given: over every kind the test keeps everything, and costs (a third of a
    // by-region count of the whole country).
    if (given) head.push('n.kind IN $kinds');
  } else if (given?.length === 1) {
    params.kind = given[0];
    match = ANY_ENTITY;
    head.push('n.kind = $kind', 'n.id IS NOT NULL');
    byId = (d) => `n.kind ${d}, n.id ${d}`;
  } else if (given == null) {
    match = ANY_ENTITY;
    head.push('n.id IS NOT NULL');
    byId = (d) => `n.id ${d}`;
  }
  const all = [...head, ...conditions(folded, 'n', '', 'where', 0, s)];
  if (impossible) all.push('false');
  return { match, where: all.length ? all.join('\n  AND ') : 'true', params, ids: s.ids, ...(byId ? { byId } : {}) };
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
