import { complexityFromQuery } from '@pothos/plugin-complexity';
import { type GraphQLField, parse } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import {
  fieldComplexity,
  NEIGHBORHOOD_NODE_COST,
  neighborhoodComplexity,
  SEARCH_RECORD_COST,
  SORT_ROW_COST,
  SORT_ROWS_ESTIMATE,
  searchComplexity,
  sortCost,
  WHERE_PART_COST,
  WHERE_SUBQUERY_COST,
  whereCost,
} from '../../src/complexity.js';
import { useCostLimit } from '../../src/http/limits/cost.js';
import { DEFAULT_SECURITY } from '../../src/http/security.js';
import { schema } from '../../src/schema/index.js';

const queryField = (name: string) => schema.getQueryType()?.getFields()[name] as GraphQLField<unknown, unknown, Record<string, unknown>>;
const search = queryField('search'); // a list: [SearchHit!]!
const entities = queryField('entities'); // a connection, whose `edges` list counts 10 already
const node = queryField('node'); // one object

describe('fieldComplexity (src/complexity.ts)', () => {
  it('counts a list 10 times and an object once when no size is asked for', () => {
    expect(fieldComplexity({}, {}, search)).toEqual({ field: 1, multiplier: 10 });
    expect(fieldComplexity({}, {}, node)).toBe(1);
  });

  it('counts a list as many times as `first`, `limit` or the number of `ids` say', () => {
    expect(fieldComplexity({ first: 7 }, {}, search)).toEqual({ field: 1, multiplier: 7 });
    expect(fieldComplexity({ limit: 40 }, {}, search)).toEqual({ field: 1, multiplier: 40 });
    expect(fieldComplexity({ ids: ['a', 'b', 'c'] }, {}, search)).toEqual({ field: 1, multiplier: 3 });
    expect(fieldComplexity({ first: 2.9 }, {}, search)).toEqual({ field: 1, multiplier: 2 });
  });

  it('scales a connection by first/10, rounded up, at least once', () => {
    expect(fieldComplexity({ first: 70 }, {}, entities)).toEqual({ field: 1, multiplier: 7 });
    expect(fieldComplexity({ first: 71 }, {}, entities)).toEqual({ field: 1, multiplier: 8 });
    expect(fieldComplexity({ first: 5 }, {}, entities)).toEqual({ field: 1, multiplier: 1 });
    expect(fieldComplexity({ first: 0 }, {}, entities)).toEqual({ field: 1, multiplier: 1 });
  });

  it('keeps out-of-range sizes finite and positive (the resolver refuses them)', () => {
    expect(fieldComplexity({ first: 1e12 }, {}, search)).toEqual({ field: 1, multiplier: 10_000 });
    expect(fieldComplexity({ first: 1e12 }, {}, entities)).toEqual({ field: 1, multiplier: 1_000 });
    expect(fieldComplexity({ first: -5 }, {}, search)).toEqual({ field: 1, multiplier: 1 });
  });
});

describe('neighborhoodComplexity (src/complexity.ts)', () => {
  it('pays every node of `limit` in full (15 each), whatever fields are selected, plus 20 per hop', () => {
    expect(NEIGHBORHOOD_NODE_COST).toBe(15);
    expect(neighborhoodComplexity(1, 100)).toEqual({ field: 20 + 15 * 100, multiplier: 10 });
    expect(neighborhoodComplexity(3, 1000)).toEqual({ field: 60 + 15_000, multiplier: 100 });
  });

  it('lets two 1,000-node neighbourhoods into one request, not three (with `nodes { id } edges { type }`)', () => {
    // The selection `truncated nodes { id } edges { type }` costs 1 + (1 + 10) + (1 + 10) per multiplier.
    const { field, multiplier } = neighborhoodComplexity(3, 1000) as { field: number; multiplier: number };
    const one = field + multiplier * 23;
    expect(2 * one).toBeLessThanOrEqual(DEFAULT_SECURITY.maxComplexity);
    expect(3 * one).toBeGreaterThan(DEFAULT_SECURITY.maxComplexity);
  });

  it('keeps out-of-range arguments finite and positive (the resolver refuses them)', () => {
    expect(neighborhoodComplexity(0, 0)).toEqual({ field: 20 + 15, multiplier: 1 });
    expect(neighborhoodComplexity(1e9, 1e12)).toEqual({ field: 20 * 100 + 15 * 10_000, multiplier: 1_000 });
    expect(neighborhoodComplexity(Number.NaN, Number.NaN)).toEqual({ field: 20 + 15, multiplier: 1 });
  });
});

describe('searchComplexity (src/complexity.ts)', () => {
  it('pays 10 per record fetched: max(4 × first, 40) full-text candidates plus the exact-name hits', () => {
    expect(SEARCH_RECORD_COST).toBe(10);
    expect(searchComplexity(10, 50)).toEqual({ field: 10 * (40 + 50), multiplier: 10 });
    expect(searchComplexity(50, 50)).toEqual({ field: 10 * (200 + 50), multiplier: 50 });
    expect(searchComplexity(1e12, 50)).toEqual({ field: 10 * (40_000 + 50), multiplier: 10_000 });
  });

  it('lets eighteen `search(first: 50) { score entity { id } }` into one request, not thirty', () => {
    const { field, multiplier } = searchComplexity(50, 50) as { field: number; multiplier: number };
    const one = field + multiplier * 3;
    expect(18 * one).toBeLessThanOrEqual(DEFAULT_SECURITY.maxComplexity);
    expect(19 * one).toBeGreaterThan(DEFAULT_SECURITY.maxComplexity);
  });
});

/** Depth and cost of a query over the real schema, as the per-request check computes them. */
const cost = (query: string, variables: Record<string, unknown> = {}) => complexityFromQuery(parse(query), { schema, ctx: {}, variables });

const aliasedPaths = (n: number) =>
  `{ ${Array.from({ length: n }, (_, i) => `p${i}: paths(from: "partner/meituan", to: "company/china-unicom", maxLength: 6, first: 20) { length }`).join(' ')} }`;

describe('whereCost (src/complexity.ts): a filter adds its parts and subqueries to its field', () => {
  it('prices each nested EntityWhere and each per-candidate subquery', () => {
    expect(whereCost(null)).toBe(0);
    expect(whereCost({ kinds: ['PARTNER'], sectors: ['internet'] })).toBe(0);
    // A derivation is a property of the entity or of the relationship a subquery already visits: no extra cost.
    expect(whereCost({ kinds: ['THEME'], derivation: ['RULE'] })).toBe(0);
    expect(whereCost({ relatedTo: { id: 'company/china-unicom-operating', derivations: ['STATED'] } })).toBe(WHERE_SUBQUERY_COST);
    expect(whereCost({ about: ['theme/5g'] })).toBe(WHERE_SUBQUERY_COST);
    // partners of programs about 5G: relatedTo, its where, and the where's about.
    expect(whereCost({ relatedTo: { where: { kinds: ['PROGRAM'], about: ['theme/5g'] } } })).toBe(
      WHERE_SUBQUERY_COST + WHERE_PART_COST + WHERE_SUBQUERY_COST,
    );
    expect(whereCost({ or: [{ locatedIn: 'region/a' }, { kinds: ['AWARD'] }] })).toBe(2 * WHERE_PART_COST + WHERE_SUBQUERY_COST);
    // Nesting beyond what the resolver accepts stops counting (it is refused there) instead of recursing on.
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 1000; i++) deep = { and: [deep] };
    expect(whereCost(deep)).toBeLessThan(200);
  });

  it('counts once per field in `entities` and `entityAggregate` (the filter runs once, whatever the page): ten of the largest filters accepted exceed the limit', () => {
    const plain = cost('{ entities(first: 10) { edges { node { id } } } }').complexity;
    const filtered = cost('{ entities(first: 10, where: {about: ["theme/5g"]}) { edges { node { id } } } }').complexity;
    expect(filtered - plain).toBe(WHERE_SUBQUERY_COST);
    const agg = (w: string) => cost(`{ entityAggregate(where: ${w}) { count } }`).complexity;
    expect(agg('{about: ["theme/5g"]}') - agg('{}')).toBe(WHERE_SUBQUERY_COST);
    // The largest filter accepted: 16 parts (5 `or` branches of 2 `and` branches each) holding 10 subqueries.
    const branch = '{and: [{about: ["theme/5g"]}, {relatedTo: {id: "a/b"}}]}';
    const largest = `{or: [${Array(5).fill(branch).join(', ')}]}`;
    const one = agg(largest) - agg('{}');
    expect(one).toBe(15 * WHERE_PART_COST + 10 * WHERE_SUBQUERY_COST);
    expect(10 * one).toBeGreaterThan(DEFAULT_SECURITY.maxComplexity);
  });
});

describe('sortCost (src/complexity.ts): a sort is priced by the rows it must order', () => {
  it('costs nothing for the default order (ID), the estimated rows times each key otherwise', () => {
    expect(sortCost(undefined)).toBe(0);
    expect(sortCost([])).toBe(0);
    expect(sortCost([{ by: 'ID', direction: 'DESC' }])).toBe(0);
    expect(sortCost(undefined, 'ID')).toBe(0);
    expect(sortCost([{ by: 'DEGREE', direction: 'DESC' }])).toBe(SORT_ROWS_ESTIMATE * SORT_ROW_COST);
    expect(sortCost([{ by: 'NEIGHBOURS', kind: 'PROGRAM' }])).toBe(SORT_ROWS_ESTIMATE * SORT_ROW_COST);
    expect(sortCost([{ by: 'YEAR' }, { by: 'NAME' }])).toBe(SORT_ROWS_ESTIMATE * 2 * SORT_ROW_COST);
    expect(sortCost([{ by: 'YEAR' }, { by: 'ID' }])).toBe(SORT_ROWS_ESTIMATE * SORT_ROW_COST);
    // The deprecated orderBy is the same sort.
    expect(sortCost(undefined, 'MENTIONS')).toBe(sortCost([{ by: 'MENTIONS' }]));
  });

  it('prices any key but ID, and stays finite however many keys come', () => {
    expect(sortCost([{ by: 'SOMETHING_NEW' }])).toBe(SORT_ROWS_ESTIMATE * SORT_ROW_COST);
    expect(sortCost([{ by: '__proto__' }, { by: 'constructor' }])).toBe(2 * SORT_ROWS_ESTIMATE * SORT_ROW_COST);
    expect(sortCost(Array(10_000).fill({ by: 'NEIGHBOURS' }))).toBe(10 * SORT_ROWS_ESTIMATE * SORT_ROW_COST);
    expect(sortCost([null, { by: null }])).toBe(0);
  });

  it('makes a sort over all entities a heavy request, and leaves an unsorted page light', () => {
    const heavy = DEFAULT_SECURITY.heavyRequestCost;
    const page = (args: string) => cost(`{ entities(first: 20${args}) { edges { node { id nameZh } } } }`).complexity;
    expect(page('')).toBeLessThan(heavy);
    expect(page(', sort: [{by: ID, direction: DESC}]')).toBe(page(''));
    for (const by of ['NAME', 'DEGREE', 'MENTIONS', 'YEAR', 'VALUE', 'NEIGHBOURS']) {
      expect(page(`, sort: [{by: ${by}}]`), by).toBeGreaterThanOrEqual(heavy);
    }
    expect(page(', orderBy: DEGREE')).toBeGreaterThanOrEqual(heavy);
    expect(page(', sort: [{by: NEIGHBOURS, kind: PROGRAM, direction: DESC}]') - page('')).toBe(SORT_ROWS_ESTIMATE * SORT_ROW_COST);
    // From variables too: the price follows what is sent, not the document text.
    const q = 'query ($s: [EntitySort!]) { entities(first: 20, sort: $s) { edges { node { id } } } }';
    expect(cost(q, { s: [{ by: 'DEGREE' }] }).complexity - cost(q, {}).complexity).toBe(SORT_ROWS_ESTIMATE * SORT_ROW_COST);
  });
});

describe('complexityFromQuery over the schema', () => {
  it('prices `search(first: $n)` by the records it fetches, from the variables', () => {
    const q = 'query($n: Int) { search(query: "聯通", first: $n) { score matched } }';
    expect(cost(q, { n: 1 }).complexity).toBe(10 * (40 + 50) + 1 * 2);
    expect(cost(q, { n: 50 }).complexity).toBe(10 * (200 + 50) + 50 * 2);
    expect(cost(q, { n: 100 }).complexity).toBe(10 * (400 + 50) + 100 * 2);
  });

  it('grows a connection with `first`: ten times the page, ten times the cost', () => {
    const q = 'query($n: Int) { entities(first: $n) { edges { node { id } } } }';
    const small = cost(q, { n: 10 }).complexity;
    expect(cost(q, { n: 100 }).complexity - 1).toBe(10 * (small - 1));
  });

  it('multiplies nested connections: 100 × 100 relationships cost at least 10,000', () => {
    const nested = cost('{ entities(first: 100) { edges { node { id relations(first: 100) { edges { type node { id } } } } } } }');
    const flat = cost('{ entities(first: 100) { edges { node { id } } } }');
    expect(nested.complexity).toBeGreaterThan(100 * 100);
    expect(flat.complexity).toBeLessThan(100 * 10);
  });

  it('prices a path search per hop, and adds up aliases: 30 of the largest exceed 50,000', () => {
    const one = cost(aliasedPaths(1)).complexity;
    expect(one).toBe(400 * 6 + 20 * 1);
    expect(cost(aliasedPaths(30)).complexity).toBe(30 * one);
    expect(30 * one).toBeGreaterThan(DEFAULT_SECURITY.maxComplexity);
    expect(cost(aliasedPaths(20)).complexity).toBeLessThan(DEFAULT_SECURITY.maxComplexity);
  });

  it('counts depth through fragments', () => {
    const q = 'query { ...Q } fragment Q on Query { entities(first: 1) { edges { node { id } } } }';
    expect(cost(q)).toMatchObject({ depth: 4, complexity: cost('{ entities(first: 1) { edges { node { id } } } }').complexity });
  });
});

/**
 * The plugin in a yoga of its own over the real schema. Refused requests never reach a resolver, so no
 * database is needed; a request the limits let through is answered by execution (here `__typename`).
 */
function yogaWithLimits(limits: Partial<{ maxDepth: number; maxComplexity: number }> = {}) {
  const yoga = createYoga({
    schema,
    logging: false,
    plugins: [
      useCostLimit({
        maxDepth: limits.maxDepth ?? DEFAULT_SECURITY.maxDepth,
        maxComplexity: limits.maxComplexity ?? DEFAULT_SECURITY.maxComplexity,
        heavyRequestCost: 1_000_000,
        maxHeavyRequests: 1,
        admissionWaitMs: 100,
      }),
    ],
  });
  return async (query: string, variables?: Record<string, unknown>) => {
    const res = await yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return {
      status: res.status,
      body: (await res.json()) as { data?: unknown; errors?: { message: string; extensions: Record<string, unknown> }[] },
    };
  };
}

describe('useCostLimit (src/http/limits/cost.ts)', () => {
  it('refuses 30 aliased six-hop path searches with COMPLEXITY_LIMIT, naming the cost and the limit', async () => {
    const { status, body } = await yogaWithLimits()(aliasedPaths(30));
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'COMPLEXITY_LIMIT', limit: 50_000, cost: 72_600 });
    expect(body.errors?.[0]?.message).toMatch(/^The query's cost is 72600; at most 50000 is allowed \(MAX_COMPLEXITY\)\./);
  });

  it('decides per request from the variables: one document, refused or let through by `$n`', async () => {
    const post = yogaWithLimits({ maxComplexity: 3_000 });
    const q = 'query($n: Int) { search(query: "聯通", first: $n) { score } __typename }';
    const big = await post(q, { n: 100 });
    expect(big.body.errors?.map((e) => e.extensions.code)).toEqual(['COMPLEXITY_LIMIT']);
    expect(big.body.errors?.[0]?.extensions.cost).toBe(10 * (400 + 50) + 100 + 1);
    const small = await post(q, { n: 60 });
    expect(small.body.errors?.map((e) => e.extensions.code)).not.toContain('COMPLEXITY_LIMIT');
  });

  it('refuses a query deeper than MAX_DEPTH with DEPTH_LIMIT', async () => {
    const { status, body } = await yogaWithLimits({ maxDepth: 3 })('{ entities(first: 1) { edges { node { id } } } }');
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'DEPTH_LIMIT', limit: 3 });
  });

  it('refuses a variable of the wrong type with BAD_USER_INPUT before counting anything', async () => {
    const { body } = await yogaWithLimits()('query($n: Int) { search(query: "x", first: $n) { score } }', { n: 'ten' });
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'variables' });
    expect(body.errors?.[0]?.message).toContain('Send each variable with the type its declaration says');
  });

  it('lets a query within the limits execute', async () => {
    const { status, body } = await yogaWithLimits()('{ __typename }');
    expect(status).toBe(200);
    expect(body).toMatchInlineSnapshot(`
      {
        "data": {
          "__typename": "Query",
        },
      }
    `);
  });
});
