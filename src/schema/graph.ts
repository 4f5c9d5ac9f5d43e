import { builder } from '../builder.js';
import { neighborhoodComplexity } from '../complexity.js';
import type { Context } from '../context.js';
import { apiError } from '../db/errors.js';
import type { EdgeRecord, EntityRecord } from '../loaders/types.js';
import { edgeFill, recordFill } from '../translate/index.js';
import { intInRange } from './args.js';
import {
  DERIVATION_DESCRIPTION,
  DerivationEnum,
  derivationOf,
  Entity,
  EntityKindEnum,
  Evidence,
  evidenceOf,
  RULE_DESCRIPTION,
} from './entity.js';
import { DEPRECATED_TYPES, RelationTypeEnum, relationTypesArg } from './relation-type.js';

export const NEIGHBORHOOD = { maxDepth: 3, defaultLimit: 100, maxLimit: 1000 };
export const PATHS = { defaultMaxLength: 4, maxLength: 6, defaultFirst: 3, maxFirst: 20 };
/** An entity with more relationships than this is a hub: the group companies, 扶貧, 5G, 中國 ... */
export const HUB_DEGREE = 30;

/** The ids to route around: `avoid` as given, plus every hub when `avoidHubs`. */
async function avoided(
  ctx: Context,
  avoid: readonly string[] | null | undefined,
  avoidHubs: boolean | null | undefined,
): Promise<string[]> {
  const hubs = avoidHubs ? (await ctx.db.query('graph/hubs', { maxDegree: HUB_DEGREE })).map((h) => h.id) : [];
  return [...new Set([...(avoid ?? []), ...hubs])];
}

/** NOT_FOUND for ids that name no entity: an unknown id is a mistake to report, not an empty answer. */
function notFound(ids: readonly string[], argument: string) {
  return apiError(
    `No entity has the id ${ids.map((id) => JSON.stringify(id)).join(' or ')}. Ids look like "partner/meituan"; find one with search(query:) or entity(name:).`,
    'NOT_FOUND',
    { argument, ids },
  );
}

const AVOID_HUBS_DESCRIPTION = `Route around hubs: no entity with more than ${HUB_DEGREE} relationships (the group companies, the largest themes such as 扶貧 and 5G, 中國 ...) is passed through, so the report's own direct links come before "both relate to 中國聯通". The ends themselves may be hubs. Default false.`;
const DERIVATIONS_DESCRIPTION = (what: string) =>
  `${what} only relationships derived in one of these ways (RelationEdge.derivation), e.g. [STATED] for the links the report itself states, leaving out keyword tags (RULE) and what it only implies (INFERRED, such as every provincial BRANCH_OF); default all. Checked on each relationship inside the traversal, like \`relationTypes\` (and at no extra cost): an entity reached only through a left-out relationship is not reached at all.`;
/** `derivations` as the statements take it: null for any (none given, or an empty list). */
const derivationsArg = (d: readonly string[] | null | undefined): string[] | null => (d?.length ? [...new Set(d)] : null);
const EXCLUDE_KINDS_DESCRIPTION =
  'Never pass through entities of these kinds (the ends excepted), e.g. [COMPANY, THEME] for links that do not go through the group or a theme.';

const Edge = builder.objectRef<EdgeRecord>('Edge').implement({
  description: 'A relationship as a flat row (source id, target id, type, year): load a list of them straight into a table or networkx.',
  fields: (t) => ({
    id: t.exposeString('id', {
      description: 'The relationship\'s stable id, e.g. "RUNS:company/china-unicom-hk->program/smart-winter-olympics".',
    }),
    source: t.exposeID('source', { description: 'Id of the entity it starts from.' }),
    target: t.exposeID('target', { description: 'Id of the entity it points to.' }),
    type: t.exposeString('type', { description: 'The relationship type, e.g. PARTNERS_WITH.' }),
    year: t.exposeInt('year', { nullable: true, description: 'The year the report gives, if any.' }),
    label: t.exposeString('label', { nullable: true, description: "The report's own words for it, if recorded." }),
    derivation: t.field({
      type: DerivationEnum,
      description: DERIVATION_DESCRIPTION,
      resolve: (e) => derivationOf(e),
    }),
    rule: t.string({ nullable: true, description: RULE_DESCRIPTION, resolve: (e) => e.rule ?? null }),
    evidence: t.field({
      type: [Evidence],
      description:
        'The report lines that state it, each with the verbatim quote and (asked for) its whole sentence: fetched in the same statement as the path or neighbourhood, so citing a path takes no second query.',
      resolve: (e) => evidenceOf(e),
    }),
  }),
});

interface SubgraphShape {
  center: EntityRecord;
  nodes: EntityRecord[];
  edges: EdgeRecord[];
  truncated: boolean;
}

const Subgraph = builder.objectRef<SubgraphShape>('Subgraph').implement({
  description: 'A set of entities and every relationship among them.',
  fields: (t) => ({
    center: t.field({ type: Entity, description: 'The entity the neighbourhood was asked around.', resolve: (s) => s.center }),
    nodes: t.field({ type: [Entity], description: 'The entities, the centre first, then by distance from it.', resolve: (s) => s.nodes }),
    edges: t.field({
      type: [Edge],
      description: 'Every relationship between two of the nodes (of the requested types).',
      resolve: (s) => s.edges,
    }),
    truncated: t.exposeBoolean('truncated', {
      description: 'True when `limit` cut the neighbourhood short: raise it or lower `depth` to see all.',
    }),
  }),
});

interface PathShape {
  nodes: EntityRecord[];
  edges: EdgeRecord[];
}

const Path = builder.objectRef<PathShape>('Path').implement({
  description: 'A chain of relationships linking two entities.',
  fields: (t) => ({
    length: t.int({ description: 'How many relationships it takes.', resolve: (p) => p.edges.length }),
    nodes: t.field({ type: [Entity], description: 'The entities along the way, from `from` to `to`.', resolve: (p) => p.nodes }),
    edges: t.field({
      type: [Edge],
      description: 'The relationships along the way, in order (each keeps its own direction).',
      resolve: (p) => p.edges,
    }),
  }),
});

const checkRange = intInRange;

builder.queryFields((t) => ({
  neighborhood: t.field({
    type: Subgraph,
    nullable: true,
    // One statement over up to depth × `limit` candidates, then the edges among the nodes: aliases add this up.
    complexity: (args) => neighborhoodComplexity(args.depth ?? 1, args.limit ?? NEIGHBORHOOD.defaultLimit),
    description:
      'Everything within `depth` relationships of an entity (breadth-first, best-connected first, at most `limit` nodes, the centre always included), with every relationship among them. An id that names nothing is a NOT_FOUND error naming it.',
    args: {
      id: t.arg.id({ required: true, description: 'The centre, e.g. "partner/meituan".' }),
      depth: t.arg.int({ required: false, description: `How many hops (1–${NEIGHBORHOOD.maxDepth}, default 1).` }),
      types: t.arg.stringList({
        required: false,
        description: 'Follow only these relationship types.',
        deprecationReason: DEPRECATED_TYPES,
      }),
      relationTypes: t.arg({ type: [RelationTypeEnum], required: false, description: 'Follow only these relationship types.' }),
      derivations: t.arg({
        type: [DerivationEnum],
        required: false,
        description: `${DERIVATIONS_DESCRIPTION('Follow')} Subgraph.edges then holds only relationships of these derivations too.`,
      }),
      limit: t.arg.int({
        required: false,
        description: `At most this many nodes (default ${NEIGHBORHOOD.defaultLimit}, at most ${NEIGHBORHOOD.maxLimit}).`,
      }),
      avoidHubs: t.arg.boolean({ required: false, description: AVOID_HUBS_DESCRIPTION.replace('passed through', 'entered') }),
      excludeKinds: t.arg({
        type: [EntityKindEnum],
        required: false,
        description: 'Leave out entities of these kinds, e.g. [COMPANY, METRIC].',
      }),
    },
    resolve: async (_r, args, ctx, info) => {
      const depth = args.depth ?? 1;
      const limit = args.limit ?? NEIGHBORHOOD.defaultLimit;
      checkRange('depth', depth, 1, NEIGHBORHOOD.maxDepth);
      checkRange('limit', limit, 1, NEIGHBORHOOD.maxLimit);
      const types = relationTypesArg(args);
      const avoid = await avoided(ctx, null, args.avoidHubs);
      const excludeKinds = args.excludeKinds?.length ? args.excludeKinds : null;
      const derivations = derivationsArg(args.derivations);
      // ONE statement: every hop and the edges among the nodes (cypher/graph/neighborhood.cypher).
      const [row] = await ctx.db.query(
        'graph/neighborhood',
        { id: args.id, depth, limit, types, derivations, avoid, excludeKinds },
        new Map([...recordFill(info, [['nodes'], ['center']]), edgeFill(info, ['edges'])]),
      );
      if (!row) throw notFound([args.id], 'id');
      return { center: row.nodes[0] as EntityRecord, nodes: row.nodes, edges: row.edges, truncated: row.truncated };
    },
  }),
  paths: t.field({
    type: [Path],
    // A breadth-first search of up to `maxLength` hops from both ends: 400 per hop, plus the fields of each of the `first` paths.
    complexity: (args) => ({
      field: 400 * Math.min(args.maxLength ?? PATHS.defaultMaxLength, PATHS.maxLength),
      multiplier: Math.min(Math.max(1, args.first ?? PATHS.defaultFirst), PATHS.maxFirst),
    }),
    description:
      'The shortest chains of relationships between two entities, up to `maxLength` hops; `first` > 1 returns several of the same (shortest) length. To get the report\'s own links rather than "both relate to 中國聯通", pass `avoidHubs: true` (or `excludeKinds: [COMPANY]`, or `avoid` with ids): the filter applies inside the bounded shortest-path search, and a path that needs a hub is then simply not returned.',
    args: {
      from: t.arg.id({ required: true, description: 'Start, e.g. "partner/meituan".' }),
      to: t.arg.id({ required: true, description: 'End, e.g. "program/smart-winter-olympics".' }),
      maxLength: t.arg.int({
        required: false,
        description: `At most this many hops (1–${PATHS.maxLength}, default ${PATHS.defaultMaxLength}).`,
      }),
      first: t.arg.int({ required: false, description: `How many paths (1–${PATHS.maxFirst}, default ${PATHS.defaultFirst}).` }),
      types: t.arg.stringList({ required: false, description: 'Use only these relationship types.', deprecationReason: DEPRECATED_TYPES }),
      relationTypes: t.arg({ type: [RelationTypeEnum], required: false, description: 'Use only these relationship types.' }),
      derivations: t.arg({
        type: [DerivationEnum],
        required: false,
        description: `${DERIVATIONS_DESCRIPTION('Use')} A pair linked only through left-out relationships has no path: an empty list.`,
      }),
      avoid: t.arg.idList({ required: false, description: 'Entities no path may pass through.' }),
      avoidHubs: t.arg.boolean({ required: false, description: AVOID_HUBS_DESCRIPTION }),
      excludeKinds: t.arg({ type: [EntityKindEnum], required: false, description: EXCLUDE_KINDS_DESCRIPTION }),
    },
    resolve: async (_r, args, ctx, info) => {
      const maxLength = args.maxLength ?? PATHS.defaultMaxLength;
      const first = args.first ?? PATHS.defaultFirst;
      checkRange('maxLength', maxLength, 1, PATHS.maxLength);
      checkRange('first', first, 1, PATHS.maxFirst);
      if (args.from === args.to)
        throw apiError('`from` and `to` are the same entity: a path needs two.', 'BAD_USER_INPUT', { argument: 'to' });
      const types = relationTypesArg(args);
      const avoid = await avoided(ctx, args.avoid, args.avoidHubs);
      const excludeKinds = args.excludeKinds?.length ? args.excludeKinds : null;
      const derivations = derivationsArg(args.derivations);
      // Without filters, the plain bidirectional search (cheaper to plan and run); with any, the filtered one.
      const filtered = types != null || derivations != null || avoid.length > 0 || excludeKinds != null;
      const rows = await ctx.db.query(
        filtered ? 'graph/paths-filtered' : 'graph/paths',
        { from: args.from, to: args.to, maxLength, first, types, derivations, avoid, excludeKinds },
        new Map([...recordFill(info, [['nodes']]), edgeFill(info, ['edges'])]),
      );
      if (rows.length === 0) {
        // No path: say so only when both ends exist (an unknown id is a mistake to report, not an empty answer).
        const ends = await ctx.loaders.entity.loadMany([args.from, args.to]);
        const missing = [args.from, args.to].filter((_id, i) => ends[i] == null || ends[i] instanceof Error);
        if (missing.length > 0) throw notFound(missing, missing.length === 2 ? 'from, to' : missing[0] === args.from ? 'from' : 'to');
      }
      return rows;
    },
  }),
}));
