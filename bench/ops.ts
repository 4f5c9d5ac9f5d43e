import { offsetToCursor } from '@pothos/plugin-relay';
import { luceneQuery, scriptVariants } from '../src/search/text.js';
import { firstAccepted, type Graph, pairs } from './params.js';

/** Who answers a request: this server, the @neo4j/graphql peer, or the raw-driver floor. */
export type Target = 'ours' | 'peer' | 'floor';
export const TARGETS: readonly Target[] = ['ours', 'peer', 'floor'];

/** One HTTP request the load generator sends. */
export interface BenchRequest {
  method: 'POST';
  path: string;
  headers: Record<string, string>;
  body: string;
}

type Json = any;

/** A GraphQL form of an operation: ONE document (so plans and parsed documents are reused), variables per item. */
interface GraphQLForm<P> {
  query: string;
  variables: (item: P) => Record<string, unknown>;
}

/**
 * One operation users really run, in the three forms, over a list of parameter items. `items` builds the
 * list from the seeded graph (deterministic: ordered by id, then a seeded shuffle); every request of a
 * run takes the next item, the same sequence for the three servers. `canonical` turns each server's
 * answer into the same shape (lists sorted where order is not part of the contract, same fields), so
 * that the runner can check all three agree before timing.
 */
export interface Operation<P = any> {
  name: string;
  description: string;
  /** Served from an index lookup whose cost should not grow with the graph (the scale target). */
  indexBacked: boolean;
  /** Whether it uses the API of issue #10 (where/sort/entityAggregate): it fails on a server without it. */
  newApi?: boolean;
  items: (g: Graph) => Promise<P[]>;
  /** A short, readable name of an item, for messages. */
  label: (item: P) => string;
  ours: GraphQLForm<P>;
  peer: GraphQLForm<P>;
  floor: (item: P) => Record<string, unknown>;
  canonical: Record<Target, (body: Json, item: P) => unknown>;
}

/** Lets TypeScript infer an operation's item type from its `items` builder. */
const op = <P>(o: Operation<P>): Operation<P> => o;

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const sortStrings = (xs: string[]) => [...xs].sort();
/** A list whose order IS the answer (a sorted page): each entry prefixed with its position. */
const ranked = (xs: string[]) => xs.map((x, i) => `#${i + 1} ${x}`);

interface Rel {
  type: string;
  direction: string;
  otherId: string;
  otherKind: string;
  otherNameZh: string;
}
const relKey = (r: Rel) => `${r.type}|${r.direction}|${r.otherId}|${r.otherKind}|${r.otherNameZh}`;

interface Hit {
  id: string;
  kind: string;
  nameZh: string;
}
const hitKey = (h: Hit) => `${h.id}|${h.kind}|${h.nameZh}`;

interface Edge {
  id: string | null;
  source: string;
  target: string;
  type: string;
}
const edgeKey = (e: Edge) => `${e.source}-[${e.type} ${e.id ?? ''}]->${e.target}`;

/** Relations of the entity asked for by name: at most this many (ours pages them). */
const MAX_RELATIONS = 100;
/** Partners per page of partnerPrograms; pages start at a different offset per request. */
const PARTNER_PAGE = 10;
/** More than any chosen search term finds, so that the three agree on the whole set whatever their ranking. */
const SEARCH_FIRST = 20;
const NEIGHBOURHOOD_DEPTH = 2;
/** Our neighbourhood limit: items are chosen well below it, so that nothing is truncated. */
const NEIGHBOURHOOD_LIMIT = 1000;
const PATH_MAX_LENGTH = 4;
/** More paths than any chosen pair has, so that the three agree on the whole set. */
const PATH_FIRST = 20;
/** Rows of the filtered, sorted list. */
const LIST_FIRST = 10;
/** Partners per request of the nested partners → programs → branches → regions query. */
const NESTED_FIRST = 10;

// ---------------------------------------------------------------- item builders (read the seeded graph)

/**
 * Real (not synthetic) entities, so that the same items serve every scale, each with a printed name no other
 * entity shares in any folded form (all three servers then mean the same entity), not a KPI row, and with
 * at most MAX_RELATIONS relations.
 */
const UNIQUE_NAMES = `
CALL () {
  MATCH (k:NameKey)
  WITH k.key AS key, collect(DISTINCT k.entityId) AS ids WHERE size(ids) > 1
  UNWIND ids AS id
  RETURN collect(DISTINCT id) AS shared
}
MATCH (n:Entity) WHERE n.synthetic IS NULL AND n.kind <> 'METRIC'
WITH shared, n.nameZh AS name, collect(n) AS ns WHERE size(ns) = 1
WITH shared, name, ns[0] AS n
WHERE NOT n.id IN shared AND 1 <= COUNT { (n)--(:Entity) } <= $maxRelations
RETURN name ORDER BY n.id`;

const PARTNER_COUNT = 'MATCH (p:Partner) RETURN count(p) AS n';

/** Candidate search terms: short printed names (Chinese) or English names of real entities. */
const SEARCH_CANDIDATES = `
MATCH (n:Entity) WHERE n.synthetic IS NULL AND n.kind <> 'METRIC'
WITH n, CASE WHEN $zh THEN n.nameZh ELSE n.nameEn END AS term
WHERE term IS NOT NULL AND size(term) >= $minLength AND size(term) <= $maxLength
  AND ($zh OR term =~ '[A-Za-z][A-Za-z0-9 .&-]*')
RETURN DISTINCT term ORDER BY term`;

/** How many entities the floor's full-text query finds (bounded): terms are kept only below SEARCH_FIRST. */
const SEARCH_HITS = `
CALL db.index.fulltext.queryNodes('entity_names', $lucene, {limit: toInteger($limit)}) YIELD node
RETURN count(node) AS n`;

/** Real entities whose two-hop neighbourhood stays well below our limit. */
const SMALL_NEIGHBOURHOODS = `
MATCH (n:Entity) WHERE n.synthetic IS NULL
  AND 1 <= COUNT { (n)--(:Entity) } <= 20
  AND COUNT { (n)--(:Entity)--(:Entity) } <= $maxPaths
RETURN n.id AS id ORDER BY n.id`;

const METRIC_IDS = 'MATCH (m:Entity:Metric) WHERE m.synthetic IS NULL RETURN m.id AS id ORDER BY m.id';

const PATH_ENDS = `
MATCH (n:Entity) WHERE n.synthetic IS NULL AND n.kind IN $kinds AND COUNT { (n)--(:Entity) } > 0
RETURN n.kind AS kind, n.id AS id ORDER BY n.id`;

/** How many shortest paths join a pair (bounded): pairs are kept with 1 to PATH_FIRST of them. */
const PATH_COUNT = `
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = allShortestPaths((a)-[*..6]-(b))
WHERE length(p) <= $maxLength
WITH p LIMIT toInteger($limit)
RETURN count(p) AS n`;

const SECTORS = 'MATCH (p:Partner) WHERE p.sector IS NOT NULL RETURN DISTINCT p.sector AS sector ORDER BY sector';

/** Real regions something real lies in (70 of the report's 143; the others would answer an empty count). */
const REGION_IDS = `
MATCH (r:Entity:Region) WHERE r.synthetic IS NULL AND EXISTS { MATCH (n:Entity)-[:LOCATED_IN]->(r) WHERE n.synthetic IS NULL }
RETURN r.id AS id ORDER BY r.id`;

async function searchTerms(g: Graph, zh: boolean): Promise<string[]> {
  const candidates = (await g.rows(SEARCH_CANDIDATES, { zh, minLength: zh ? 2 : 4, maxLength: zh ? 8 : 40 })).map((r) => r.term as string);
  return firstAccepted(g.shuffle(candidates), g.size, async (term) => {
    const lucene = luceneQuery(scriptVariants(term));
    const [row] = await g.rows(SEARCH_HITS, { lucene, limit: SEARCH_FIRST + 1 });
    const n = Number(row?.n ?? 0);
    return n >= 1 && n < SEARCH_FIRST;
  });
}

/** Sector pairs (as stored: lower case), each with every value of `extra`, in a seeded order. */
async function sectorPairs<E>(g: Graph, extra: readonly E[]): Promise<{ sectors: [string, string]; extra: E }[]> {
  const sectors = (await g.rows(SECTORS)).map((r) => r.sector as string);
  const all = pairs(sectors).flatMap((sectors) => extra.map((e) => ({ sectors, extra: e })));
  return g.shuffle(all).slice(0, g.size);
}

/** Our Sector enum value of a stored sector ("internet" → INTERNET). */
const sectorEnum = (s: string) => s.toUpperCase();

// ---------------------------------------------------------------- operations

function searchOp(name: string, zh: boolean, description: string): Operation<string> {
  const hits = (list: Hit[]) => sortStrings(list.map(hitKey));
  const lucene = (q: string) => luceneQuery(scriptVariants(q));
  return op<string>({
    name,
    description,
    indexBacked: true,
    items: (g) => searchTerms(g, zh),
    label: (q) => JSON.stringify(q),
    ours: {
      query: /* GraphQL */ `query Search($q: String!, $first: Int) { search(query: $q, first: $first) { score matched entity { id kind nameZh } } }`,
      variables: (q) => ({ q, first: SEARCH_FIRST }),
    },
    peer: {
      query: /* GraphQL */ `query Search($phrase: String!, $first: Int) { searchEntities(phrase: $phrase, first: $first) { edges { score node { id kind nameZh } } } }`,
      variables: (q) => ({ phrase: lucene(q), first: SEARCH_FIRST }),
    },
    floor: (q) => ({ lucene: lucene(q), limit: SEARCH_FIRST }),
    canonical: {
      ours: (b) => hits(b.data.search.map((h: { entity: Hit }) => h.entity)),
      peer: (b) => hits(b.data.searchEntities.edges.map((e: { node: Hit }) => e.node)),
      floor: (b) => hits(b.rows),
    },
  });
}

interface PathItem {
  from: string;
  to: string;
}

interface FilterItem {
  sectors: [string, string];
  minDegree: number;
}

export const OPERATIONS: readonly Operation[] = [
  op<string>({
    name: 'entityByName',
    description: 'entity(name:) of a real entity with all its relations (type, direction, other end)',
    indexBacked: true,
    items: async (g) =>
      g.shuffle((await g.rows(UNIQUE_NAMES, { maxRelations: MAX_RELATIONS })).map((r) => r.name as string)).slice(0, g.size),
    label: (name) => JSON.stringify(name),
    ours: {
      query: /* GraphQL */ `query EntityByName($name: String!) {
  entity(name: $name) { id kind nameZh nameEn relations(first: ${MAX_RELATIONS}) { totalCount edges { type direction node { id kind nameZh } } } }
}`,
      variables: (name) => ({ name }),
    },
    peer: {
      query: /* GraphQL */ `query EntityByName($name: String!) {
  entities(where: { nameZh: { eq: $name } }, limit: 1) { id kind nameZh nameEn relations { type direction otherId otherKind otherNameZh } }
}`,
      variables: (name) => ({ name }),
    },
    floor: (name) => ({ name }),
    canonical: {
      ours: (b) => {
        const e = b.data.entity;
        const rels = e.relations.edges.map((x: { type: string; direction: string; node: Hit }) =>
          relKey({ type: x.type, direction: x.direction, otherId: x.node.id, otherKind: x.node.kind, otherNameZh: x.node.nameZh }),
        );
        return { id: e.id, kind: e.kind, nameZh: e.nameZh, nameEn: e.nameEn, relations: sortStrings(rels) };
      },
      peer: (b) => {
        const e = b.data.entities[0];
        return { id: e.id, kind: e.kind, nameZh: e.nameZh, nameEn: e.nameEn, relations: sortStrings(e.relations.map(relKey)) };
      },
      floor: (b) => {
        const e = b.rows[0];
        return { id: e.id, kind: e.kind, nameZh: e.nameZh, nameEn: e.nameEn, relations: sortStrings(e.relations.map(relKey)) };
      },
    },
  }),
  op<number>({
    name: 'partnerPrograms',
    description: `a page of ${PARTNER_PAGE} partners (by id, from a different offset each time) → their programs → each program's branches`,
    indexBacked: false,
    items: async (g) => {
      const [row] = await g.rows(PARTNER_COUNT);
      const n = Number(row?.n ?? 0);
      return g.shuffle(Array.from({ length: Math.max(0, n - PARTNER_PAGE + 1) }, (_, i) => i)).slice(0, g.size);
    },
    label: (offset) => `offset ${offset}`,
    ours: {
      query: /* GraphQL */ `query PartnerPrograms($first: Int, $after: String) {
  entities(kinds: [PARTNER], first: $first, after: $after) { edges { node { id nameZh ... on Partner { programs { id nameZh branches { id nameZh } } } } } }
}`,
      // A relay cursor names the last item seen: the page at offset k comes after the cursor of k − 1.
      variables: (offset) => ({ first: PARTNER_PAGE, after: offset === 0 ? null : offsetToCursor(offset - 1) }),
    },
    peer: {
      query: /* GraphQL */ `query PartnerPrograms($first: Int, $offset: Int) {
  partners(sort: [{ id: ASC }], limit: $first, offset: $offset) { id nameZh programs { id nameZh runBy { id nameZh } joinedBy { id nameZh } } }
}`,
      variables: (offset) => ({ first: PARTNER_PAGE, offset }),
    },
    floor: (offset) => ({ first: PARTNER_PAGE, offset }),
    canonical: {
      ours: (b) =>
        partnerTree(
          b.data.entities.edges.map((e: { node: Json }) => ({
            id: e.node.id,
            nameZh: e.node.nameZh,
            programs: e.node.programs.map((g: Json) => ({ id: g.id, nameZh: g.nameZh, branches: g.branches })),
          })),
        ),
      peer: (b) =>
        partnerTree(
          b.data.partners.map((p: Json) => ({
            id: p.id,
            nameZh: p.nameZh,
            programs: p.programs.map((g: Json) => ({ id: g.id, nameZh: g.nameZh, branches: [...g.runBy, ...g.joinedBy] })),
          })),
        ),
      floor: (b) => partnerTree(b.rows),
    },
  }),
  searchOp('searchZh', true, 'search(query:) for a short Chinese name (Traditional and Simplified forms), full-text index'),
  searchOp('searchEn', false, 'search(query:) for an English name, full-text index'),
  op<string>({
    name: 'neighbourhood',
    description: `neighborhood(id:, depth: ${NEIGHBOURHOOD_DEPTH}) of a real entity: nodes and every edge among them`,
    indexBacked: false,
    items: async (g) =>
      g.shuffle((await g.rows(SMALL_NEIGHBOURHOODS, { maxPaths: NEIGHBOURHOOD_LIMIT / 2 })).map((r) => r.id as string)).slice(0, g.size),
    label: (id) => id,
    ours: {
      query: /* GraphQL */ `query Neighbourhood($id: ID!, $depth: Int) {
  neighborhood(id: $id, depth: $depth, limit: ${NEIGHBOURHOOD_LIMIT}) { truncated nodes { id kind nameZh } edges { id source target type } }
}`,
      variables: (id) => ({ id, depth: NEIGHBOURHOOD_DEPTH }),
    },
    peer: {
      query: /* GraphQL */ `query Neighbourhood($id: ID!, $depth: Int!) {
  neighborhood(id: $id, depth: $depth) { id kind nameZh }
  neighborhoodEdges(id: $id, depth: $depth) { id source target type }
}`,
      variables: (id) => ({ id, depth: NEIGHBOURHOOD_DEPTH }),
    },
    floor: (id) => ({ id, depth: NEIGHBOURHOOD_DEPTH }),
    canonical: {
      ours: (b) => {
        if (b.data.neighborhood.truncated) throw new Error('neighbourhood truncated: raise the limit');
        return subgraph(b.data.neighborhood.nodes, b.data.neighborhood.edges);
      },
      peer: (b) => subgraph(b.data.neighborhood, b.data.neighborhoodEdges),
      floor: (b) => subgraph(b.rows[0].nodes, b.rows[0].edges),
    },
  }),
  op<string>({
    name: 'metricSeries',
    description: 'metric(id:) of a KPI or text metric with its yearly values',
    indexBacked: true,
    items: async (g) => g.shuffle((await g.rows(METRIC_IDS)).map((r) => r.id as string)).slice(0, g.size),
    label: (id) => id,
    ours: {
      query: /* GraphQL */ `query MetricSeries($id: ID!) { metric(id: $id) { id nameZh unit values { year value printed } } }`,
      variables: (id) => ({ id }),
    },
    peer: {
      query: /* GraphQL */ `query MetricSeries($id: ID!) {
  metrics(where: { id: { eq: $id } }) { id nameZh unit values(sort: [{ year: ASC }]) { year value printed } }
}`,
      variables: (id) => ({ id }),
    },
    floor: (id) => ({ id }),
    canonical: {
      // Values by year, then printed form: a metric may have two values in one year (e.g. a year and a cumulative figure).
      ours: (b) => metric(b.data.metric),
      peer: (b) => metric(b.data.metrics[0]),
      floor: (b) => metric(b.rows[0]),
    },
  }),
  op<PathItem>({
    name: 'path',
    description: `paths(from:, to:, maxLength: ${PATH_MAX_LENGTH}) between a real partner or branch and a real program or award: all shortest paths`,
    indexBacked: false,
    items: async (g) => {
      const rows = await g.rows(PATH_ENDS, { kinds: ['PARTNER', 'BRANCH', 'PROGRAM', 'AWARD'] });
      const from = rows.filter((r) => r.kind === 'PARTNER' || r.kind === 'BRANCH').map((r) => r.id as string);
      const to = rows.filter((r) => r.kind === 'PROGRAM' || r.kind === 'AWARD').map((r) => r.id as string);
      // Candidates: from × to in a seeded order, each checked (1 to PATH_FIRST shortest paths) until enough.
      const candidates = g.shuffle(from.flatMap((f) => to.map((t) => ({ from: f, to: t }))));
      return firstAccepted(candidates, g.size, async (p) => {
        const [row] = await g.rows(PATH_COUNT, { ...p, maxLength: PATH_MAX_LENGTH, limit: PATH_FIRST + 1 });
        const n = Number(row?.n ?? 0);
        return n >= 1 && n <= PATH_FIRST;
      });
    },
    label: (p) => `${p.from} → ${p.to}`,
    ours: {
      query: /* GraphQL */ `query Path($from: ID!, $to: ID!, $maxLength: Int, $first: Int) {
  paths(from: $from, to: $to, maxLength: $maxLength, first: $first) { length nodes { id } edges { id source target type } }
}`,
      variables: (p) => ({ ...p, maxLength: PATH_MAX_LENGTH, first: PATH_FIRST }),
    },
    peer: {
      query: /* GraphQL */ `query Path($from: ID!, $to: ID!, $maxLength: Int!, $first: Int!) {
  shortestPaths(from: $from, to: $to, maxLength: $maxLength, first: $first) { nodeIds edges { id source target type } }
}`,
      variables: (p) => ({ ...p, maxLength: PATH_MAX_LENGTH, first: PATH_FIRST }),
    },
    floor: (p) => ({ ...p, maxLength: PATH_MAX_LENGTH, first: PATH_FIRST }),
    canonical: {
      ours: (b) => paths(b.data.paths.map((p: Json) => ({ nodeIds: p.nodes.map((n: Hit) => n.id), edges: p.edges }))),
      peer: (b) => paths(b.data.shortestPaths),
      floor: (b) => paths(b.rows),
    },
  }),
  op<FilterItem>({
    name: 'filteredList',
    description: `partners of two sectors with at least d relations, sorted by their number of programs (desc), then id: the first ${LIST_FIRST}`,
    indexBacked: false,
    newApi: true,
    items: async (g) => (await sectorPairs(g, [1, 2, 3])).map((x) => ({ sectors: x.sectors, minDegree: x.extra })),
    label: (x) => `sectors ${x.sectors.join('+')}, degree ≥ ${x.minDegree}`,
    ours: {
      query: /* GraphQL */ `query FilteredList($sectors: [Sector!], $minDegree: Int, $first: Int) {
  entities(
    where: { kinds: [PARTNER], sectors: $sectors, degree: { min: $minDegree } }
    sort: [{ by: NEIGHBOURS, kind: PROGRAM, direction: DESC }, { by: ID }]
    first: $first
  ) { edges { node { id nameZh ... on Partner { sector } } } }
}`,
      variables: (x) => ({ sectors: x.sectors.map(sectorEnum), minDegree: x.minDegree, first: LIST_FIRST }),
    },
    peer: {
      // @neo4j/graphql cannot sort by a neighbour count or filter on a degree: @cypher fields on Partner do it.
      query: /* GraphQL */ `query FilteredList($sectors: [String!], $minDegree: Int, $first: Int) {
  partners(where: { sector: { in: $sectors }, degree: { gte: $minDegree } }, sort: [{ programCount: DESC }, { id: ASC }], limit: $first) {
    id nameZh sector
  }
}`,
      variables: (x) => ({ sectors: x.sectors, minDegree: x.minDegree, first: LIST_FIRST }),
    },
    floor: (x) => ({ sectors: x.sectors, minDegree: x.minDegree, first: LIST_FIRST }),
    canonical: {
      ours: (b) => partnerRows(b.data.entities.edges.map((e: { node: Json }) => e.node)),
      peer: (b) => partnerRows(b.data.partners),
      floor: (b) => partnerRows(b.rows),
    },
  }),
  op<string>({
    name: 'aggregation',
    description:
      'entityAggregate: how many entities lie in a region (LOCATED_IN, any depth; and the programs and products of the branches there), per kind',
    indexBacked: false,
    newApi: true,
    items: async (g) => g.shuffle((await g.rows(REGION_IDS)).map((r) => r.id as string)).slice(0, g.size),
    label: (id) => id,
    ours: {
      query: /* GraphQL */ `query Aggregation($region: ID!) {
  entityAggregate(where: { locatedIn: $region }, groupBy: { field: KIND }) { count groups { key count } }
}`,
      variables: (region) => ({ region }),
    },
    peer: {
      // No group-by in @neo4j/graphql (its aggregates count one type at a time): a @cypher query field.
      query: /* GraphQL */ `query Aggregation($region: ID!) { regionContents(id: $region) { count groups { key count } } }`,
      variables: (region) => ({ region }),
    },
    floor: (region) => ({ region }),
    canonical: {
      ours: (b) => groups(b.data.entityAggregate),
      peer: (b) => groups(b.data.regionContents),
      floor: (b) => groups(b.rows[0]),
    },
  }),
  op<[string, string]>({
    name: 'nestedRegions',
    description: `${NESTED_FIRST} partners of two sectors (by id) → their programs → the branches running them → each branch's region`,
    indexBacked: false,
    newApi: true,
    items: async (g) => (await sectorPairs(g, [null])).map((x) => x.sectors),
    label: (s) => `sectors ${s.join('+')}`,
    ours: {
      query: /* GraphQL */ `query NestedRegions($sectors: [Sector!], $first: Int) {
  entities(where: { kinds: [PARTNER], sectors: $sectors }, sort: [{ by: ID }], first: $first) {
    edges { node { id nameZh ... on Partner { programs { id nameZh branches { id nameZh region { id nameZh level } } } } } }
  }
}`,
      variables: (s) => ({ sectors: s.map(sectorEnum), first: NESTED_FIRST }),
    },
    peer: {
      query: /* GraphQL */ `query NestedRegions($sectors: [String!], $first: Int) {
  partners(where: { sector: { in: $sectors } }, sort: [{ id: ASC }], limit: $first) {
    id nameZh
    programs {
      id nameZh
      runBy { id nameZh region { id nameZh level } }
      joinedBy { id nameZh region { id nameZh level } }
    }
  }
}`,
      variables: (s) => ({ sectors: s, first: NESTED_FIRST }),
    },
    floor: (s) => ({ sectors: s, first: NESTED_FIRST }),
    canonical: {
      ours: (b) =>
        regionTree(
          b.data.entities.edges.map((e: { node: Json }) => ({
            id: e.node.id,
            nameZh: e.node.nameZh,
            programs: e.node.programs.map((g: Json) => ({ id: g.id, nameZh: g.nameZh, branches: g.branches })),
          })),
        ),
      peer: (b) =>
        regionTree(
          b.data.partners.map((p: Json) => ({
            id: p.id,
            nameZh: p.nameZh,
            programs: p.programs.map((g: Json) => ({
              id: g.id,
              nameZh: g.nameZh,
              branches: [...g.runBy, ...g.joinedBy].map((x: Json) => ({ ...x, region: x.region[0] ?? null })),
            })),
          })),
        ),
      floor: (b) => regionTree(b.rows),
    },
  }),
];

interface ProgramBranches {
  id: string;
  nameZh: string;
  branches: { id: string; nameZh: string; region?: { id: string; nameZh: string; level: string | null } | null }[];
}
type PartnerTree = { id: string; nameZh: string; programs: ProgramBranches[] }[];
const branchKey = (x: ProgramBranches['branches'][number]) =>
  x.region === undefined
    ? `${x.id}|${x.nameZh}`
    : `${x.id}|${x.nameZh} @ ${x.region ? `${x.region.id}|${x.region.nameZh}|${x.region.level}` : 'nowhere'}`;

/** Partners by id, each program once (two relationships to one program count once), branches as a set. */
function partnerTree(partners: PartnerTree) {
  return [...partners].sort(byId).map((p) => {
    const programs = new Map<string, { id: string; nameZh: string; branches: Set<string> }>();
    for (const g of p.programs) {
      const entry = programs.get(g.id) ?? { id: g.id, nameZh: g.nameZh, branches: new Set<string>() };
      for (const x of g.branches) entry.branches.add(branchKey(x));
      programs.set(g.id, entry);
    }
    return {
      id: p.id,
      nameZh: p.nameZh,
      programs: [...programs.values()].sort(byId).map((g) => ({ id: g.id, nameZh: g.nameZh, branches: sortStrings([...g.branches]) })),
    };
  });
}
/** The partner page in the order asked (sorted by id), programs and branches (with their region) as sets. */
const regionTree = (partners: PartnerTree) => ({ order: ranked(partners.map((p) => p.id)), partners: partnerTree(partners) });

function partnerRows(list: { id: string; nameZh: string; sector: string | null }[]) {
  return ranked(list.map((p) => `${p.id}|${p.nameZh}|${(p.sector ?? 'other').toLowerCase()}`));
}

function groups(a: { count: number; groups: { key: string | null; count: number }[] }) {
  return { count: a.count, groups: ranked(a.groups.map((g) => `${g.key}=${g.count}`)) };
}

function metric(m: { id: string; nameZh: string; unit: string | null; values: { year: number; value: number | null; printed: string }[] }) {
  return { id: m.id, nameZh: m.nameZh, unit: m.unit, values: sortStrings(m.values.map((v) => `${v.year}|${v.value}|${v.printed}`)) };
}

function subgraph(nodes: Hit[], edges: Edge[]) {
  return { nodes: sortStrings(nodes.map(hitKey)), edges: sortStrings(edges.map(edgeKey)) };
}

function paths(list: { nodeIds: string[]; edges: Edge[] }[]) {
  return sortStrings(list.map((p) => `${p.nodeIds.join(' ')} :: ${p.edges.map(edgeKey).join(' ')}`));
}

/** The HTTP request for `op` with `item` on `target`; `trace` asks this server for its round-trip count. */
export function requestFor<P>(op: Operation<P>, target: Target, item: P, trace = false): BenchRequest {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (trace) headers['x-trace'] = '1';
  if (target === 'floor') return { method: 'POST', path: `/op/${op.name}`, headers, body: JSON.stringify(op.floor(item)) };
  const form = target === 'ours' ? op.ours : op.peer;
  return { method: 'POST', path: '/graphql', headers, body: JSON.stringify({ query: form.query, variables: form.variables(item) }) };
}
