import type { GraphQLResolveInfo } from 'graphql';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import type { EntityRecord, MentionRecord, RelationRecord, SentenceRecord } from '../loaders/types.js';
import { DERIVATIONS, type Derivation, ENTITY_KINDS, type EntityKind, KINDS, typeNameOfKind } from '../model/index.js';
import { type PrefetchedRelations, translated } from '../translate/index.js';
import { EVIDENCE_PROPS } from '../translate/rules.js';
import { pageFromArray, pageFromRows, pageWindow } from './pagination.js';
import { DEPRECATED_TYPES, RelationTypeEnum, relationTypesArg } from './relation-type.js';

/**
 * Whether the statement that fetched `e` (src/translate) already brought this field's value; then
 * `value` holds it. Keyed by the field's response key, so aliases with different arguments stay apart.
 */
export function prefetched<T>(e: EntityRecord, info: GraphQLResolveInfo): { value: T } | null {
  const key = String(info.path.key);
  return e.prefetched?.has(key) ? { value: e.prefetched.get(key) as T } : null;
}

export const EntityKindEnum = builder.enumType('EntityKind', {
  description: 'The kinds of entity in the graph; each is an object type implementing Entity.',
  // One value per entry of src/model KINDS, described there.
  values: Object.fromEntries(ENTITY_KINDS.map((k) => [k, { description: KINDS[k].description }])) as Record<
    EntityKind,
    { description: string }
  >,
});

export const DirectionEnum = builder.enumType('Direction', {
  description: 'Which way a relationship points, seen from the entity asked about.',
  values: {
    OUT: { description: 'From this entity to the other (e.g. a partner PARTICIPATES_IN a program).' },
    IN: { description: 'From the other entity to this one.' },
    BOTH: { description: 'Either way.' },
  },
});

export const DerivationEnum = builder.enumType('Derivation', {
  description:
    'How a fact (an entity, a relationship, a metric value) got into the graph, so a keyword tag is never mistaken for a fact a person checked. Every entity, RelationEdge, Edge and MetricValue has one, and every export carries it as a column or attribute.',
  values: {
    STATED: {
      description:
        "Stated by the report: a curator read the evidence sentence and it says this fact (the hand-written entries of seed/data/). Cite it as the report's own statement.",
    },
    RULE: {
      description:
        'Made by a named tool rule and not checked one by one (the field `rule` names it): `theme-sentence` ABOUT edges tagged because one clause of a sentence names the entity and a word of the theme (seed/rules/themes.yaml), `theme-table` the themes themselves, `kpi-table` metrics and values parsed from the key-performance table, `reports-metric` the REPORTS edge written to every metric. Usually right, sometimes wrong: check the evidence before relying on one.',
    },
    INFERRED: {
      description:
        'Implied, not printed: the report never says it in so many words, the curators added it because the report implies it (a city placed in its province, every provincial branch under the operating company, a subsidiary under its parent). The evidence shows what it is inferred from.',
    },
  },
});

/** The derivation of a stored fact: STATED where the graph has none recorded (seeded before it existed). */
export const derivationOf = (o: { derivation?: string | null }): Derivation => DERIVATIONS.find((d) => d === o.derivation) ?? 'STATED';

export const DERIVATION_DESCRIPTION = 'How this fact was derived: STATED by the report, made by a tool RULE, or INFERRED (see Derivation).';
export const RULE_DESCRIPTION =
  'For a RULE fact, the name of the tool rule that made it (theme-sentence, theme-table, kpi-table, reports-metric); null otherwise.';

export interface EvidenceShape {
  line: number;
  lineEnd: number;
  quote: string;
  section: string | null;
  sentenceId: string | null;
  /** The sentence, when the statement that fetched the evidence brought it along (path and neighbourhood edges). */
  sentenceRecord?: SentenceRecord | null;
}

export const Evidence = builder.objectRef<EvidenceShape>('Evidence').implement({
  description:
    'Where a fact comes from: lines `line`..`lineEnd` of the report (seed/source/china-unicom-csr-2020.zh-Hant.txt), the words quoted verbatim from their joined text, and the whole `sentence` they belong to.',
  fields: (t) => ({
    line: t.exposeInt('line', { description: '1-based number of the line the quote starts on.' }),
    lineEnd: t.exposeInt('lineEnd', {
      description: 'The line the quote ends on: the same as `line`, or a later one where the PDF broke the words over lines.',
    }),
    quote: t.exposeString('quote', {
      description: 'The exact words that state the fact, from the lines joined as a sentence is (no space between Chinese characters).',
    }),
    section: t.exposeString('section', {
      nullable: true,
      description: 'The chapter and section of that line, e.g. "扶貧篇 › 助力持續穩定脫貧".',
    }),
  }),
});

/** Evidence stored as parallel lists on nodes and relationships. */
export function evidenceOf(o: {
  evidenceLines?: number[];
  evidenceLineEnds?: number[];
  evidenceQuotes?: string[];
  evidenceSections?: string[];
  evidenceSentences?: string[];
  evidenceSentenceRecords?: (SentenceRecord | null)[];
}): EvidenceShape[] {
  return (o.evidenceLines ?? []).map((line, i) => ({
    line,
    lineEnd: o.evidenceLineEnds?.[i] ?? line,
    quote: o.evidenceQuotes?.[i] ?? '',
    section: o.evidenceSections?.[i] || null,
    sentenceId: o.evidenceSentences?.[i] || null,
    ...(o.evidenceSentenceRecords ? { sentenceRecord: o.evidenceSentenceRecords[i] ?? null } : {}),
  }));
}

export const Mention = builder.objectRef<MentionRecord>('Mention').implement({
  description: 'A line of the report that names an entity (by its name or an alias).',
  fields: (t) => ({
    line: t.exposeInt('line', { description: '1-based line number in the report text.' }),
    text: t.exposeString('text', { description: 'The whole line, as extracted from the PDF.' }),
    section: t.exposeString('section', { nullable: true, description: 'The chapter and section of the line.' }),
  }),
});

export const Entity = builder.interfaceRef<EntityRecord>('Entity');

/** Relationships of `entity` filtered by type, direction and the kind at the other end. */
export async function related(
  ctx: Context,
  entity: EntityRecord,
  filter: {
    types?: readonly string[] | null;
    direction?: 'OUT' | 'IN' | 'BOTH' | null;
    kinds?: readonly string[] | null;
    year?: number | null;
  },
): Promise<RelationRecord[]> {
  // A typed field names its types and direction: fetch just those rows (cheap even for hubs).
  if (filter.types?.length && filter.direction && filter.year == null)
    return ctx.loaders.neighbours.load({
      id: entity.id,
      types: filter.types,
      direction: filter.direction,
      kinds: filter.kinds?.length ? filter.kinds : null,
    });
  return allRelations(ctx, entity, filter);
}

/** Every relationship of `entity` (one batched query, or prefetched with it), filtered in memory. */
async function allRelations(ctx: Context, entity: EntityRecord, filter: Parameters<typeof related>[2]): Promise<RelationRecord[]> {
  const all = await ctx.loaders.relations.load(entity.id);
  return all.filter(
    (r) =>
      (!filter.types?.length || filter.types.includes(r.type)) &&
      (!filter.direction || filter.direction === 'BOTH' || r.direction === filter.direction) &&
      (!filter.kinds?.length || filter.kinds.includes(r.node.kind)) &&
      (filter.year == null || r.props.year === filter.year),
  );
}

/** The distinct entities at the other end of matching relationships, by id (as compiled statements order them). */
export async function neighbours(ctx: Context, entity: EntityRecord, filter: Parameters<typeof related>[2]): Promise<EntityRecord[]> {
  const seen = new Set<string>();
  const out: EntityRecord[] = [];
  for (const r of await related(ctx, entity, filter)) {
    if (!seen.has(r.node.id)) {
      seen.add(r.node.id);
      out.push(r.node);
    }
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** What a typed field follows: relationship types, direction, and the kinds at the other end. */
interface TypedFilter {
  types: readonly string[];
  direction: 'OUT' | 'IN' | 'BOTH';
  kinds?: readonly string[] | null;
}

/**
 * A typed list field (spread into its definition): the distinct entities at the other end of matching
 * relationships. Its rule lets the translate layer fetch it with the parent; else one batched query.
 */
export const listOf = (filter: TypedFilter) => ({
  ...translated({ kind: 'neighbours', types: filter.types, direction: filter.direction, kinds: filter.kinds ?? null, one: false }),
  resolve: (e: EntityRecord, _args: unknown, ctx: Context, info: GraphQLResolveInfo): EntityRecord[] | Promise<EntityRecord[]> =>
    prefetched<EntityRecord[]>(e, info)?.value ?? neighbours(ctx, e, filter),
});

/** A typed single field (spread into its definition): the first such entity, or null. */
export const oneOf = (filter: TypedFilter) => ({
  ...translated({ kind: 'neighbours', types: filter.types, direction: filter.direction, kinds: filter.kinds ?? null, one: true }),
  resolve: async (e: EntityRecord, _args: unknown, ctx: Context, info: GraphQLResolveInfo): Promise<EntityRecord | null> => {
    const hit = prefetched<EntityRecord | null>(e, info);
    return hit ? hit.value : ((await neighbours(ctx, e, filter))[0] ?? null);
  },
});

Entity.implement({
  description:
    'Anything the report names: a company, branch, partner, program, award, person, metric ... Every entity carries its names in Traditional Chinese (as printed) and English, the evidence lines that establish it, every line that mentions it, and its relationships.',
  interfaces: [builder.nodeInterfaceRef()],
  resolveType: (e) => typeNameOfKind(e.kind),
  fields: (t) => ({
    kind: t.field({
      type: EntityKindEnum,
      description: 'What sort of entity this is.',
      ...translated({ kind: 'props', props: ['kind'] }),
      resolve: (e) => e.kind as EntityKind,
    }),
    nameZh: t.exposeString('nameZh', { description: 'The name as printed in the report (Traditional Chinese).' }),
    nameEn: t.exposeString('nameEn', {
      nullable: true,
      description: 'The official English name where one exists, else a faithful translation.',
    }),
    aliases: t.exposeStringList('aliases', {
      description: 'Other names: short forms, Simplified Chinese forms, English variants. `entity(name:)` and `search` match them.',
    }),
    description: t.exposeString('description', { nullable: true, description: 'A short curator note, where one helps.' }),
    derivation: t.field({
      type: DerivationEnum,
      description: `${DERIVATION_DESCRIPTION} A KPI-table metric is RULE (kpi-table), a theme RULE (theme-table), a province the report never names INFERRED.`,
      ...translated({ kind: 'props', props: ['derivation'] }),
      resolve: (e) => derivationOf(e),
    }),
    rule: t.string({
      nullable: true,
      description: RULE_DESCRIPTION,
      ...translated({ kind: 'props', props: ['rule'] }),
      resolve: (e) => e.rule ?? null,
    }),
    evidence: t.field({
      type: [Evidence],
      description: 'The report lines that establish this entity, each with the verbatim quote.',
      ...translated({ kind: 'props', props: EVIDENCE_PROPS }),
      resolve: async (e, _a, ctx) => evidenceOf(e.evidenceLines ? e : ((await ctx.loaders.entity.load(e.id)) ?? e)),
    }),
    mentions: t.connection(
      {
        type: Mention,
        description: 'Every report line that names this entity (names broken across two lines count; the repeated page counts once).',
        ...translated({ kind: 'mentions' }),
        resolve: async (e, args, ctx, info) =>
          pageFromArray(prefetched<MentionRecord[]>(e, info)?.value ?? (await ctx.loaders.mentions.load(e.id)), args),
      },
      {
        name: 'MentionConnection',
        description: 'A page of report lines naming an entity.',
        fields: (c) => ({
          totalCount: c.int({
            description: 'How many lines name the entity in all.',
            resolve: (p) => p.totalCount(),
          }),
        }),
      },
      { name: 'MentionEdge', description: 'One line naming the entity.' },
    ),
    relations: t.connection(
      {
        type: Entity,
        description:
          'Relationships between this entity and others, each with its type, direction, year and evidence; filter by type, direction, the kind at the other end and year.',
        args: {
          types: t.arg.stringList({
            required: false,
            description: 'Only these relationship types, e.g. ["PARTNERS_WITH", "RUNS"]. See Stats.relationTypes for all.',
            deprecationReason: DEPRECATED_TYPES,
          }),
          relationTypes: t.arg({
            type: [RelationTypeEnum],
            required: false,
            description: 'Only these relationship types, e.g. [PARTNERS_WITH, RUNS].',
          }),
          direction: t.arg({ type: DirectionEnum, required: false, description: 'Only this direction; default BOTH.' }),
          kinds: t.arg({ type: [EntityKindEnum], required: false, description: 'Only relationships whose other end is of these kinds.' }),
          year: t.arg.int({ required: false, description: 'Only relationships dated in this year.' }),
        },
        ...translated({ kind: 'relations' }),
        resolve: async (e, args, ctx, info) => {
          const types = relationTypesArg(args);
          const hit = prefetched<PrefetchedRelations>(e, info);
          const page = hit ? relationPage(hit.value, args) : pageFromArray(await allRelations(ctx, e, { ...args, types }), args);
          return {
            ...page,
            edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: edge.node.node, relation: edge.node })),
          };
        },
      },
      {
        name: 'RelationConnection',
        description: 'A page of relationships of one entity.',
        fields: (c) => ({
          totalCount: c.int({
            description: 'How many relationships match the filters in all.',
            resolve: (p) => p.totalCount(),
          }),
        }),
      },
      {
        name: 'RelationEdge',
        description: 'One relationship: `node` is the entity at the other end.',
        fields: (edge) => {
          const rel = (p: unknown) => (p as { relation: RelationRecord }).relation;
          return {
            id: edge.string({
              description: 'The relationship\'s stable id, e.g. "PARTNERS_WITH:company/china-unicom-hk->partner/meituan".',
              resolve: (p) => rel(p).props.id,
            }),
            type: edge.string({
              description: 'The relationship type, e.g. PARTNERS_WITH, RUNS, RECEIVED, LOCATED_IN.',
              resolve: (p) => rel(p).type,
            }),
            direction: edge.field({
              type: DirectionEnum,
              description: 'OUT when this entity is the source, IN when it is the target.',
              resolve: (p) => rel(p).direction,
            }),
            year: edge.int({
              nullable: true,
              description: 'The year the report gives for it, if any.',
              resolve: (p) => rel(p).props.year ?? null,
            }),
            date: edge.string({
              nullable: true,
              description: 'The date the report gives (YYYY, YYYY-MM or YYYY-MM-DD), if any.',
              resolve: (p) => rel(p).props.date ?? null,
            }),
            label: edge.string({
              nullable: true,
              description: "The report's own words for it, e.g. 簽署戰略合作框架協議.",
              resolve: (p) => rel(p).props.label ?? null,
            }),
            kind: edge.string({
              nullable: true,
              description: 'For PARTNERS_WITH: strategic agreement, co-build and co-share, joint venture, joint lab, research, content ...',
              resolve: (p) => rel(p).props.kind ?? null,
            }),
            share: edge.float({
              nullable: true,
              description: 'For OWNS: the percentage held.',
              resolve: (p) => rel(p).props.share ?? null,
            }),
            role: edge.string({
              nullable: true,
              description: 'For HOLDS_ROLE: the title as printed.',
              resolve: (p) => rel(p).props.role ?? null,
            }),
            derivation: edge.field({
              type: DerivationEnum,
              description: `${DERIVATION_DESCRIPTION} E.g. the Meituan agreement is STATED, a theme tag of the sentence rule RULE (theme-sentence), a provincial BRANCH_OF INFERRED.`,
              resolve: (p) => derivationOf(rel(p).props),
            }),
            rule: edge.string({
              nullable: true,
              description: RULE_DESCRIPTION,
              resolve: (p) => rel(p).props.rule ?? null,
            }),
            inferred: edge.boolean({
              description: 'True where the report does not state it outright: the same as `derivation: INFERRED`.',
              deprecationReason: 'Use `derivation`: INFERRED is this flag, and it also tells a RULE fact (a tool tag) from a STATED one.',
              resolve: (p) => derivationOf(rel(p).props) === 'INFERRED',
            }),
            evidence: edge.field({
              type: [Evidence],
              description: 'The report lines that state this relationship.',
              resolve: (p) => evidenceOf(rel(p).props),
            }),
          };
        },
      },
    ),
    degree: t.int({
      description: 'How many relationships link this entity to others (all types, both directions).',
      ...translated({ kind: 'degree' }),
      resolve: (e, _args, ctx, info) => prefetched<number>(e, info)?.value ?? ctx.loaders.degree.load(e.id),
    }),
  }),
});

/**
 * A page of prefetched relationships. A first page was cut in the database (one row more than asked, to
 * tell whether more follow; the total counted there when asked); any other window was fetched whole.
 */
function relationPage(pre: PrefetchedRelations, args: Parameters<typeof pageWindow>[0]) {
  const firstPage = args.after == null && args.before == null && args.last == null && args.first != null;
  if (!firstPage) return pageFromArray(pre.rows, args);
  const { limit } = pageWindow(args);
  return pageFromRows(pre.rows, 0, limit, () => pre.total ?? pre.rows.length);
}

/** Declares the object type of one kind: a Relay node implementing Entity, loaded in batches by id. */
export function entityType(kind: EntityKind) {
  return builder.node(builder.objectRef<EntityRecord>(typeNameOfKind(kind)), {
    description: KINDS[kind].typeDescription,
    interfaces: [Entity],
    id: { resolve: (e) => e.id, description: 'Readable global id, e.g. "partner/meituan".' },
    isTypeOf: (e) => (e as EntityRecord).kind === kind,
    loadMany: (ids, ctx) => ctx.loaders.entity.loadMany(ids).then((rows) => rows.map((r) => (r instanceof Error ? null : r))),
  });
}
