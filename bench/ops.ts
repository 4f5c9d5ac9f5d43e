import { luceneQuery, scriptVariants } from '../src/search/text.js';

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

/**
 * One operation users really run, in the three forms. `canonical` turns each server's answer into the
 * same shape (lists sorted, same fields), so that the runner can check all three agree before timing.
 */
export interface Operation {
  name: string;
  description: string;
  /** Served from an index lookup whose cost should not grow with the graph (the scale target). */
  indexBacked: boolean;
  ours: { query: string; variables: Record<string, unknown> };
  peer: { query: string; variables: Record<string, unknown> };
  floor: { params: Record<string, unknown> };
  canonical: Record<Target, (body: Json) => unknown>;
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const sortStrings = (xs: string[]) => [...xs].sort();

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

/** An entity and every relationship it has, found by its name as printed (an index lookup). */
const ENTITY_NAME = '美團';
/** All programs of the first page of partners, and the branches that run or join each. */
const PARTNER_PAGE = 50;
const SEARCH_ZH = '冬奧';
const SEARCH_EN = 'China Telecom';
/** More than either search finds, so that the three agree on the whole set whatever their ranking. */
const SEARCH_FIRST = 20;
const NEIGHBOURHOOD = { id: 'region/beijing', depth: 2 };
const METRIC_ID = 'metric/4g-base-stations-in-service';
const PATH = { from: 'partner/meituan', to: 'program/smart-winter-olympics', maxLength: 4, first: 20 };

function searchOp(name: string, query: string, description: string): Operation {
  const lucene = luceneQuery(scriptVariants(query));
  const hits = (list: Hit[]) => sortStrings(list.map(hitKey));
  return {
    name,
    description,
    indexBacked: true,
    ours: {
      query: /* GraphQL */ `query Search($q: String!, $first: Int) { search(query: $q, first: $first) { score matched entity { id kind nameZh } } }`,
      variables: { q: query, first: SEARCH_FIRST },
    },
    peer: {
      query: /* GraphQL */ `query Search($phrase: String!, $first: Int) { searchEntities(phrase: $phrase, first: $first) { edges { score node { id kind nameZh } } } }`,
      variables: { phrase: lucene, first: SEARCH_FIRST },
    },
    floor: { params: { lucene, limit: SEARCH_FIRST } },
    canonical: {
      ours: (b) => hits(b.data.search.map((h: { entity: Hit }) => h.entity)),
      peer: (b) => hits(b.data.searchEntities.edges.map((e: { node: Hit }) => e.node)),
      floor: (b) => hits(b.rows),
    },
  };
}

export const OPERATIONS: readonly Operation[] = [
  {
    name: 'entityByName',
    description: `entity(name: "${ENTITY_NAME}") with all its relations (type, direction, other end)`,
    indexBacked: true,
    ours: {
      query: /* GraphQL */ `query EntityByName($name: String!) {
  entity(name: $name) { id kind nameZh nameEn relations(first: 100) { totalCount edges { type direction node { id kind nameZh } } } }
}`,
      variables: { name: ENTITY_NAME },
    },
    peer: {
      query: /* GraphQL */ `query EntityByName($name: String!) {
  entities(where: { nameZh: { eq: $name } }, limit: 1) { id kind nameZh nameEn relations { type direction otherId otherKind otherNameZh } }
}`,
      variables: { name: ENTITY_NAME },
    },
    floor: { params: { name: ENTITY_NAME } },
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
  },
  {
    name: 'partnerPrograms',
    description: `first ${PARTNER_PAGE} partners (by id) → their programs → each program's branches (two hops)`,
    indexBacked: false,
    ours: {
      query: /* GraphQL */ `query PartnerPrograms($first: Int) {
  entities(kinds: [PARTNER], first: $first) { edges { node { id nameZh ... on Partner { programs { id nameZh branches { id nameZh } } } } } }
}`,
      variables: { first: PARTNER_PAGE },
    },
    peer: {
      query: /* GraphQL */ `query PartnerPrograms($first: Int) {
  partners(sort: [{ id: ASC }], limit: $first) { id nameZh programs { id nameZh runBy { id nameZh } joinedBy { id nameZh } } }
}`,
      variables: { first: PARTNER_PAGE },
    },
    floor: { params: { first: PARTNER_PAGE } },
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
  },
  searchOp('searchZh', SEARCH_ZH, `search(query: "${SEARCH_ZH}") in Chinese (Traditional and Simplified forms), full-text index`),
  searchOp('searchEn', SEARCH_EN, `search(query: "${SEARCH_EN}") in English, full-text index`),
  {
    name: 'neighbourhood',
    description: `neighborhood(id: "${NEIGHBOURHOOD.id}", depth: ${NEIGHBOURHOOD.depth}): nodes and every edge among them`,
    indexBacked: false,
    ours: {
      query: /* GraphQL */ `query Neighbourhood($id: ID!, $depth: Int) {
  neighborhood(id: $id, depth: $depth, limit: 1000) { truncated nodes { id kind nameZh } edges { id source target type } }
}`,
      variables: NEIGHBOURHOOD,
    },
    peer: {
      query: /* GraphQL */ `query Neighbourhood($id: ID!, $depth: Int!) {
  neighborhood(id: $id, depth: $depth) { id kind nameZh }
  neighborhoodEdges(id: $id, depth: $depth) { id source target type }
}`,
      variables: NEIGHBOURHOOD,
    },
    floor: { params: NEIGHBOURHOOD },
    canonical: {
      ours: (b) => {
        if (b.data.neighborhood.truncated) throw new Error('neighbourhood truncated: raise the limit');
        return subgraph(b.data.neighborhood.nodes, b.data.neighborhood.edges);
      },
      peer: (b) => subgraph(b.data.neighborhood, b.data.neighborhoodEdges),
      floor: (b) => subgraph(b.rows[0].nodes, b.rows[0].edges),
    },
  },
  {
    name: 'metricSeries',
    description: `metric(id: "${METRIC_ID}") with its yearly values`,
    indexBacked: true,
    ours: {
      query: /* GraphQL */ `query MetricSeries($id: ID!) { metric(id: $id) { id nameZh unit values { year value printed } } }`,
      variables: { id: METRIC_ID },
    },
    peer: {
      query: /* GraphQL */ `query MetricSeries($id: ID!) {
  metrics(where: { id: { eq: $id } }) { id nameZh unit values(sort: [{ year: ASC }]) { year value printed } }
}`,
      variables: { id: METRIC_ID },
    },
    floor: { params: { id: METRIC_ID } },
    canonical: {
      ours: (b) => b.data.metric,
      peer: (b) => b.data.metrics[0],
      floor: (b) => b.rows[0],
    },
  },
  {
    name: 'path',
    description: `paths(from: "${PATH.from}", to: "${PATH.to}"): all shortest paths`,
    indexBacked: false,
    ours: {
      query: /* GraphQL */ `query Path($from: ID!, $to: ID!, $maxLength: Int, $first: Int) {
  paths(from: $from, to: $to, maxLength: $maxLength, first: $first) { length nodes { id } edges { id source target type } }
}`,
      variables: PATH,
    },
    peer: {
      query: /* GraphQL */ `query Path($from: ID!, $to: ID!, $maxLength: Int!, $first: Int!) {
  shortestPaths(from: $from, to: $to, maxLength: $maxLength, first: $first) { nodeIds edges { id source target type } }
}`,
      variables: PATH,
    },
    floor: { params: PATH },
    canonical: {
      ours: (b) => paths(b.data.paths.map((p: Json) => ({ nodeIds: p.nodes.map((n: Hit) => n.id), edges: p.edges }))),
      peer: (b) => paths(b.data.shortestPaths),
      floor: (b) => paths(b.rows),
    },
  },
];

interface ProgramBranches {
  id: string;
  nameZh: string;
  branches: { id: string; nameZh: string }[];
}
/** Partners by id, each program once (two relationships to one program count once), branches as a set. */
function partnerTree(partners: { id: string; nameZh: string; programs: ProgramBranches[] }[]) {
  return [...partners].sort(byId).map((p) => {
    const programs = new Map<string, { id: string; nameZh: string; branches: Set<string> }>();
    for (const g of p.programs) {
      const entry = programs.get(g.id) ?? { id: g.id, nameZh: g.nameZh, branches: new Set<string>() };
      for (const x of g.branches) entry.branches.add(`${x.id}|${x.nameZh}`);
      programs.set(g.id, entry);
    }
    return {
      id: p.id,
      nameZh: p.nameZh,
      programs: [...programs.values()].sort(byId).map((g) => ({ id: g.id, nameZh: g.nameZh, branches: sortStrings([...g.branches]) })),
    };
  });
}

function subgraph(nodes: Hit[], edges: Edge[]) {
  return { nodes: sortStrings(nodes.map(hitKey)), edges: sortStrings(edges.map(edgeKey)) };
}

function paths(list: { nodeIds: string[]; edges: Edge[] }[]) {
  return sortStrings(list.map((p) => `${p.nodeIds.join(' ')} :: ${p.edges.map(edgeKey).join(' ')}`));
}

/** The HTTP request for `op` on `target`; `trace` asks this server for its round-trip count. */
export function requestFor(op: Operation, target: Target, trace = false): BenchRequest {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (trace) headers['x-trace'] = '1';
  if (target === 'floor') return { method: 'POST', path: `/op/${op.name}`, headers, body: JSON.stringify(op.floor.params) };
  const { query, variables } = target === 'ours' ? op.ours : op.peer;
  return { method: 'POST', path: '/graphql', headers, body: JSON.stringify({ query, variables }) };
}
