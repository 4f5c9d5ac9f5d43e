import { builder } from '../builder.js';
import { REGION_LEVELS, SECTORS } from '../model/index.js';
import { EntityKindEnum } from './entity.js';
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

export const EntityWhere = builder.inputType('EntityWhere', {
  description:
    'Which entities: every condition given must hold (AND); inside a list, any value may match (OR). E.g. {kinds: [PARTNER], sectors: [UNIVERSITY], hasRelation: [PARTICIPATES_IN]}.',
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
        'A region id, e.g. "region/guangdong": entities LOCATED_IN it or in a place inside it, and programs and products of the branches there.',
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
