import { builder } from '../builder.js';
import { REGION_LEVELS, SECTORS } from '../model/index.js';
import {
  type EntityWhereInput,
  MAX_FILTER_IDS,
  MAX_WHERE_BRANCHES,
  MAX_WHERE_DEPTH,
  MAX_WHERE_PARTS,
  MAX_WHERE_SUBQUERIES,
  type RelatedToInput,
} from '../translate/filter.js';
import { DerivationEnum, DirectionEnum, EntityKindEnum } from './entity.js';
import { MetricSourceEnum } from './kinds/metric.js';
import { RelationTypeEnum } from './relation-type.js';

export const SortDirectionEnum = builder.enumType('SortDirection', {
  description: 'Ascending or descending.',
  values: {
    ASC: { description: 'Smallest (or A) first.' },
    DESC: { description: 'Largest (or Z) first.' },
  },
});

export const IntRange = builder.inputType('IntRange', {
  description: 'Whole numbers from `min` to `max`, both inclusive; leave either out for an open end.',
  fields: (t) => ({
    min: t.int({ required: false, description: 'The smallest value wanted, e.g. 2019.' }),
    max: t.int({ required: false, description: 'The largest value wanted, e.g. 2020.' }),
  }),
});

const SECTOR_DESCRIPTIONS = {
  operator: 'Telecom operators (China Telecom, China Mobile, foreign carriers).',
  internet: 'Internet companies (Tencent, Alibaba, Meituan ...).',
  vendor: 'Equipment and technology vendors (Huawei, ZTE ...).',
  university: 'Universities.',
  research: 'Research institutes and academies.',
  media: 'Broadcasters and media groups.',
  ngo: 'Charities and foundations.',
  un: 'United Nations bodies.',
  alliance: 'Industry alliances and associations.',
  finance: 'Banks, insurers and investors.',
  government: 'Government bodies working as partners.',
  enterprise: 'Other enterprises (customers and co-builders).',
  healthcare: 'Hospitals and health bodies.',
  sports: 'Sports bodies (e.g. the Beijing 2022 organising committee).',
  other: 'Anything else.',
} satisfies Record<(typeof SECTORS)[number], string>;

export const SectorEnum = builder.enumType('Sector', {
  description: "A partner's or organisation's sector (Partner.sector gives it in lower case).",
  values: Object.fromEntries(SECTORS.map((s) => [s.toUpperCase(), { value: s, description: SECTOR_DESCRIPTIONS[s] }])) as Record<
    string,
    { value: (typeof SECTORS)[number]; description: string }
  >,
});

export const RegionLevelEnum = builder.enumType('RegionLevel', {
  description: 'How large a region is (Region.level gives it in lower case).',
  values: Object.fromEntries(REGION_LEVELS.map((l) => [l.toUpperCase(), { value: l, description: `A ${l}.` }])) as Record<
    string,
    { value: (typeof REGION_LEVELS)[number]; description: string }
  >,
});

export const EntityWhere = builder.inputRef<EntityWhereInput>('EntityWhere');
const RelatedTo = builder.inputRef<RelatedToInput>('RelatedTo');

const LIMITS = `\`and\`, \`or\` and \`relatedTo.where\` nest at most ${MAX_WHERE_DEPTH} levels below the top \`where\`, each \`and\`/\`or\` takes at most ${MAX_WHERE_BRANCHES} branches, and one filter holds at most ${MAX_WHERE_PARTS} EntityWhere objects, ${MAX_WHERE_SUBQUERIES} subquery conditions (about, relatedTo, hasRelation, degree, and locatedIn inside and/or/relatedTo.where) and ${MAX_FILTER_IDS} ids in all (more is BAD_USER_INPUT naming the argument); each part and subquery adds to the query's cost.`;

RelatedTo.implement({
  description: `A relationship to another entity: either ONE entity by \`id\` ("partners of program/5g-co-build-co-share") or ANY entity that meets \`where\` ("partners of programs about 5G": {where: {kinds: [PROGRAM], about: ["theme/5g"]}}), through relationships of \`relationTypes\` (default any) and \`derivations\` (default any: [STATED] asks for a link the report states) in \`direction\` (default BOTH). Give exactly one of \`id\` and \`where\`. ${LIMITS}`,
  fields: (t) => ({
    id: t.id({
      required: false,
      description:
        'The id of the entity at the other end, e.g. "program/5g-co-build-co-share". An id that names nothing is NOT_FOUND, with the closest names.',
    }),
    where: t.field({
      type: EntityWhere,
      required: false,
      description:
        'Instead of `id`: any entity at the other end that meets this filter (a nested EntityWhere; it counts one level of nesting).',
    }),
    relationTypes: t.field({
      type: [RelationTypeEnum],
      required: false,
      description: 'Only relationships of these types, e.g. [PARTICIPATES_IN]; default any type.',
    }),
    derivations: t.field({
      type: [DerivationEnum],
      required: false,
      description:
        'Only relationships derived in one of these ways, e.g. [STATED] for a link the report itself states (not a keyword tag, RULE, nor an implied one, INFERRED); default any. Checked inside the same subquery as `relationTypes`: it adds nothing to the cost.',
    }),
    direction: t.field({
      type: DirectionEnum,
      required: false,
      description:
        'Which way the relationship points, seen from the entity being filtered: OUT (it → the other), IN, or BOTH (the default).',
    }),
  }),
});

EntityWhere.implement({
  description:
    'Which entities: every condition given must hold (AND); inside a list, any value may match (OR). E.g. {kinds: [PARTNER], sectors: [UNIVERSITY], hasRelation: [PARTICIPATES_IN]}. Conditions combine further with `about` (themes), `relatedTo` (a relationship to an entity, or to any entity meeting a nested filter), `and` and `or`; the whole filter is part of ONE statement. Every id in a filter must name an entity: an unknown one is NOT_FOUND naming the argument and suggesting the closest names.',
  fields: (t) => ({
    kinds: t.field({ type: [EntityKindEnum], required: false, description: 'Only these kinds, e.g. [PARTNER, ORGANIZATION].' }),
    sectors: t.field({ type: [SectorEnum], required: false, description: 'Partners and organisations of these sectors.' }),
    levels: t.field({ type: [RegionLevelEnum], required: false, description: 'Regions of these levels, e.g. [PROVINCE].' }),
    categories: t.stringList({
      required: false,
      description: 'Metrics or awards of these categories, as printed (e.g. "低碳發展"); see Stats or metrics for the list.',
    }),
    year: t.field({ type: IntRange, required: false, description: 'Entities dated in these years (awards, events, publications ...).' }),
    locatedIn: t.id({
      required: false,
      description:
        'A region id, e.g. "region/guangdong": entities LOCATED_IN it or in a place inside it, and programs and products of the branches there. An id that names nothing is NOT_FOUND with the closest names ("region/tibet" suggests region/xizang (西藏, Tibet)), not an empty answer.',
    }),
    nameContains: t.string({
      required: false,
      description: 'A name or alias contains this text, in any script: "联通" finds 聯通 (case and full-width forms ignored).',
    }),
    nameStartsWith: t.string({ required: false, description: 'A name or alias starts with this text, in any script.' }),
    degree: t.field({ type: IntRange, required: false, description: 'The number of relationships, e.g. {min: 10} for hubs.' }),
    hasRelation: t.field({
      type: [RelationTypeEnum],
      required: false,
      description: 'Has at least one relationship of one of these types, e.g. [RECEIVED].',
    }),
    source: t.field({ type: MetricSourceEnum, required: false, description: 'Metrics from the KPI table or from the text.' }),
    about: t.idList({
      required: false,
      description:
        'Theme ids, e.g. ["theme/poverty-alleviation"]: entities ABOUT any of them (programs, products, events, publications, awards, partners ...). See entities(where: {kinds: [THEME]}) for the themes. An id that names nothing is NOT_FOUND, with the closest names; one that is not a theme is BAD_USER_INPUT.',
    }),
    derivation: t.field({
      type: [DerivationEnum],
      required: false,
      description:
        'Entities whose own derivation (Entity.derivation) is one of these, e.g. [RULE] for what a tool rule made (the themes, rule theme-table, and the KPI-table metrics, rule kpi-table), [INFERRED] for what the report implies but never prints (region/ningxia, the one province it never names). A condition on the entity itself, not on its relationships: for those see `relatedTo.derivations` and the `derivations` argument of paths and neighborhood.',
    }),
    relatedTo: t.field({
      type: RelatedTo,
      required: false,
      description:
        'Has a relationship to one entity ({id: "partner/huawei"}) or to any entity meeting a filter ({where: {kinds: [PROGRAM], about: ["theme/5g"]}}), optionally only of `relationTypes`, of `derivations` (e.g. [STATED]: a link the report states) and in `direction`. Several at once: put each in an `and` branch.',
    }),
    and: t.field({
      type: [EntityWhere],
      required: false,
      description: `Every one of these filters must hold too (e.g. related to two different entities: and: [{relatedTo: {id: "a"}}, {relatedTo: {id: "b"}}]). ${LIMITS}`,
    }),
    or: t.field({
      type: [EntityWhere],
      required: false,
      description: `At least one of these filters must hold (together with the other conditions of this \`where\`), e.g. or: [{about: ["theme/5g"]}, {hasRelation: [RECEIVED]}]. An empty list is ignored, as every empty list here is. ${LIMITS}`,
    }),
  }),
});

export const EntitySortFieldEnum = builder.enumType('EntitySortField', {
  description: 'What to sort entities by.',
  values: {
    ID: { description: 'The id (stable).' },
    NAME: { description: 'The English name (or Chinese where there is none).' },
    DEGREE: { description: 'The number of relationships.' },
    MENTIONS: { description: 'The number of report lines naming it.' },
    YEAR: { description: 'Its year (awards, events, publications); entities without one come last.' },
    VALUE: { description: "A metric's latest value; entities without one come last." },
    NEIGHBOURS: {
      description: 'The number of distinct entities it is related to, of `kind` when given: programs by partners, partners by programs.',
    },
  },
});

export const EntitySort = builder.inputType('EntitySort', {
  description: 'One sort key; several sort by the first, then the next ... (ties always go by id).',
  fields: (t) => ({
    by: t.field({ type: EntitySortFieldEnum, required: true, description: 'What to sort by.' }),
    direction: t.field({ type: SortDirectionEnum, required: false, defaultValue: 'ASC', description: 'ASC (default) or DESC.' }),
    kind: t.field({
      type: EntityKindEnum,
      required: false,
      description: 'For NEIGHBOURS: count only related entities of this kind, e.g. PROGRAM.',
    }),
  }),
});
