import type { FieldComplexityValue } from '@pothos/plugin-complexity';
import { type GraphQLField, getNullableType, isListType } from 'graphql';

const LIST_MULTIPLIER = 10;

/**
 * The cost of one field for the complexity limit: a list counts its contents 10 times, or `first`/`limit`/
 * the number of `ids` times when the client says how many it wants; a connection (whose `edges` list already
 * counts 10) scales by first/10. So `entities(first: 100) { edges { node { relations(first: 100) ... } } }`
 * costs what it can return, not a flat 10 per level.
 */
export function fieldComplexity<Ctx>(
  args: Record<string, unknown>,
  _ctx: Ctx,
  field: GraphQLField<unknown, Ctx, Record<string, unknown>>,
): FieldComplexityValue {
  const asked = [args.first, args.limit].find((v) => typeof v === 'number') as number | undefined;
  const size = asked ?? (Array.isArray(args.ids) ? args.ids.length : undefined);
  const list = isListType(getNullableType(field.type));
  const own = 1 + whereCost(args.where) + sortCost(args.sort, args.orderBy);
  if (size === undefined) return list ? { field: own, multiplier: LIST_MULTIPLIER } : own;
  // Out-of-range sizes are refused as BAD_USER_INPUT by the resolver; here they only must not overflow.
  const n = Math.max(1, Math.min(Math.trunc(size), 10_000));
  return { field: own, multiplier: list ? n : Math.max(1, Math.ceil(n / LIST_MULTIPLIER)) };
}

/**
 * What an EntityWhere adds to its field's cost: WHERE_PART_COST for each EntityWhere object in it (the top
 * one, and each `and`/`or` branch and `relatedTo.where`) and WHERE_SUBQUERY_COST for each condition that is a
 * subquery run per candidate (`about`, `relatedTo`, `hasRelation`, `degree`, and `locatedIn` below the top).
 * The largest filter the resolver accepts (src/translate/filter.ts MAX_WHERE_PARTS, MAX_WHERE_SUBQUERIES) costs
 * about 5,300, so a request holding ten of them no longer fits. Counting stops past the nesting the resolver refuses anyway.
 */
export const WHERE_PART_COST = 20;
/**
 * A subquery runs once per candidate: warm, a filter of 50 of them took 557 ms over the seeded graph (~11 ms,
 * some 2,000 units, each); 500 is the share the API's own CPU and the statement's size pay for.
 */
export const WHERE_SUBQUERY_COST = 500;

export function whereCost(where: unknown, depth = 0): number {
  if (where == null || typeof where !== 'object' || depth > 5) return 0;
  const w = where as Record<string, unknown>;
  let cost = depth === 0 ? 0 : WHERE_PART_COST;
  for (const key of ['about', 'relatedTo', 'hasRelation', 'degree']) if (w[key] != null) cost += WHERE_SUBQUERY_COST;
  if (depth > 0 && w.locatedIn != null) cost += WHERE_SUBQUERY_COST;
  const related = w.relatedTo as Record<string, unknown> | null | undefined;
  if (related?.where) cost += whereCost(related.where, depth + 1);
  for (const key of ['and', 'or']) {
    const branches = w[key];
    if (Array.isArray(branches)) for (const b of branches.slice(0, 50)) cost += whereCost(b, depth + 1);
  }
  return cost;
}

/**
 * Rows a sort must order when nothing bounds them: every entity (the seeded graph has 1,225; the estimate
 * leaves room to grow). A filter is not counted as narrowing it: its conditions are checked on each
 * candidate first, and how many pass is not known before the statement runs, so the price errs on the safe side.
 */
export const SORT_ROWS_ESTIMATE = 1_300;

/**
 * What ordering one row by a key costs: ID is the default order and costs nothing; every other key (NAME,
 * YEAR, VALUE, DEGREE, MENTIONS, NEIGHBOURS) 2. Measured with `entities(first: 100, totalCount)` over the
 * 1,225 seeded entities, warm, median of 7, wall time at load average 9.4 on 2 cores: unsorted 80 ms, by ID
 * 68, NAME 113, YEAR 90, VALUE 72, DEGREE 120, MENTIONS 61, NEIGHBOURS 88 (NEIGHBOURS of PROGRAM kind among
 * partners: 26). The keys differ by less than the noise, so they share one price: 2,600 for a sort over
 * all entities, past HEAVY_REQUEST_COST (2,000), so it waits for a slot of the heavy-request lane.
 */
export const SORT_ROW_COST = 2;

/** Keys of one sort counted at most (the resolver has its own limit; here only the price must stay finite). */
const MAX_PRICED_SORT_KEYS = 10;

/**
 * What `sort` (or the deprecated `orderBy`) adds to a list's cost: the rows it must order times SORT_ROW_COST
 * for each key but ID.
 */
export function sortCost(sort: unknown, orderBy?: unknown): number {
  const keys: unknown[] =
    Array.isArray(sort) && sort.length > 0 ? sort.slice(0, MAX_PRICED_SORT_KEYS).map((k) => (k as { by?: unknown } | null)?.by) : [orderBy];
  const priced = keys.filter((key) => key != null && key !== 'ID').length;
  return SORT_ROWS_ESTIMATE * SORT_ROW_COST * priced;
}

/**
 * The searches whose work does not follow the fields asked for are priced by what they fetch. A unit is
 * about 5 µs of work for the server (Bolt unpacking, conversion, execution, serialisation; measured as
 * process CPU time on the 2-core machine), so MAX_COMPLEXITY = 50,000 is about a quarter of a second of
 * one core: what one request may take from the event loop every other request shares.
 */
const size = (v: number, max: number) => (Number.isFinite(v) ? Math.max(1, Math.min(Math.trunc(v), max)) : 1);

/**
 * One neighbourhood node costs 15: its record (17 values), its share of the edges among the nodes (about
 * two rows per node around a hub), and its id sent back to Neo4j by every later hop. It is fetched whatever
 * fields are selected, so `limit` is paid in full; the selected fields then count `limit` times each
 * (the multiplier, times their lists' own 10). A 1,000-node neighbourhood costs ~17,000 (~80 ms of server
 * CPU): two of them fit in one request, where twenty did.
 */
export const NEIGHBORHOOD_NODE_COST = 15;

/** `neighborhood(depth, limit)`, both with their defaults applied; out-of-range values are the resolver's to refuse. */
export function neighborhoodComplexity(depth: number, limit: number): FieldComplexityValue {
  const nodes = size(limit, 10_000);
  return { field: 20 * size(depth, 100) + NEIGHBORHOOD_NODE_COST * nodes, multiplier: Math.ceil(nodes / LIST_MULTIPLIER) };
}

/**
 * A search fetches more than it returns: up to `max(4 × first, 40)` full-text candidates, ranked in the
 * server, plus up to 50 exact-name hits. Each fetched record costs 10 (its values, and the index's scoring
 * in Neo4j); the selected fields then count `first` times. `search(first: 50)` costs ~2,650: thirty of
 * them (~360 ms of server and Neo4j CPU) no longer fit in one request, eighteen do.
 */
export const SEARCH_RECORD_COST = 10;

/** `search(first)` with its default applied; `exact` is how many exact-name hits it may add (MAX_SEARCH). */
export function searchComplexity(first: number, exact: number): FieldComplexityValue {
  const n = size(first, 10_000);
  return { field: SEARCH_RECORD_COST * (Math.max(4 * n, 40) + exact), multiplier: n };
}
