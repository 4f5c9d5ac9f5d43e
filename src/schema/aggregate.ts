import { builder } from '../builder.js';
import { whereCost } from '../complexity.js';
import { apiError } from '../errors.js';
import { filterClause, filterFill, groupClause } from '../translate/filter.js';
import { intInRange } from './args.js';
import { DirectionEnum, Entity, EntityKindEnum } from './entity.js';
import { idCheckFill, settleFilterIds } from './filter-ids.js';
import { RelationTypeEnum } from './relation-type.js';
import { EntityWhere, IntRange } from './where.js';

const GroupFieldEnum = builder.enumType('GroupField', {
  description: 'What to group entities by.',
  values: {
    KIND: { description: 'Their kind.' },
    SECTOR: { description: "A partner's or organisation's sector (lower case, as Partner.sector)." },
    LEVEL: { description: "A region's level." },
    CATEGORY: { description: "A metric's or award's category." },
    YEAR: { description: 'Their year (awards, events, publications).' },
    PROVINCE: {
      description: 'The province they lie in (LOCATED_IN, any depth); programs and products through the branches running or offering them.',
    },
    RELATION_TYPE: { description: 'Their relationships, counted per type.' },
    RELATED: {
      description:
        'The entity at the other end of `relationTypes` in `direction` (of `kinds`), e.g. awards per issuer: {field: RELATED, relationTypes: [ISSUED_BY], direction: OUT}.',
    },
  },
});

const GroupBy = builder.inputType('GroupBy', {
  description: 'How to group: a field, and for RELATED which relationships lead to the group.',
  fields: (t) => ({
    field: t.field({ type: GroupFieldEnum, required: true, description: 'What to group by.' }),
    relationTypes: t.field({ type: [RelationTypeEnum], required: false, description: 'For RELATED: follow these types (default all).' }),
    direction: t.field({ type: DirectionEnum, required: false, description: 'For RELATED: which way (default BOTH).' }),
    kinds: t.field({ type: [EntityKindEnum], required: false, description: 'For RELATED: only other ends of these kinds.' }),
  }),
});

interface GroupShape {
  key: string | null;
  count: number;
  /** Set for RELATED and PROVINCE, whose keys are entity ids. */
  entityId: string | null;
}

const EntityGroup = builder.objectRef<GroupShape>('EntityGroup').implement({
  description: 'One group of an aggregation: its key and how many entities (or relationships, for RELATION_TYPE) it holds.',
  fields: (t) => ({
    key: t.exposeString('key', {
      nullable: true,
      description:
        'The value grouped on: a sector, kind, year, relationship type, or the id of the related entity; null for entities without one.',
    }),
    count: t.exposeInt('count', { description: 'How many entities (for RELATION_TYPE: relationships) are in the group.' }),
    entity: t.field({
      type: Entity,
      nullable: true,
      description: 'For RELATED and PROVINCE: the entity the group is about (e.g. the issuer).',
      resolve: (g, _a, ctx) => (g.entityId ? ctx.loaders.entity.load(g.entityId) : null),
    }),
  }),
});

interface AggregateShape {
  count: () => Promise<number>;
  groups: () => Promise<GroupShape[]>;
}

const EntityAggregate = builder.objectRef<AggregateShape>('EntityAggregate').implement({
  description: 'Counts over the entities a filter matches, in all and per group (each computed only when asked).',
  fields: (t) => ({
    count: t.int({ description: 'How many entities match in all.', resolve: (a) => a.count() }),
    groups: t.field({
      type: [EntityGroup],
      description: 'The largest groups first (ties by key); empty without `groupBy`.',
      resolve: (a) => a.groups(),
    }),
  }),
});

const MAX_GROUPS = 500;

builder.queryFields((t) => ({
  entityAggregate: t.field({
    type: EntityAggregate,
    description:
      'Counts per group, in ONE statement: partners per sector, programs per province, awards per issuer, relationships per type. E.g. entityAggregate(where: {kinds: [PARTNER]}, groupBy: {field: SECTOR}) { count groups { key count } }.',
    args: {
      where: t.arg({ type: EntityWhere, required: false, description: 'Which entities (every condition must hold).' }),
      groupBy: t.arg({ type: GroupBy, required: false, description: 'How to group them; without it only `count` is meaningful.' }),
      first: t.arg.int({ required: false, defaultValue: 50, description: `How many groups at most (1–${MAX_GROUPS}, default 50).` }),
    },
    complexity: (args) => ({ field: 20 + whereCost(args.where), multiplier: Math.min(Math.max(args.first ?? 50, 1), MAX_GROUPS) / 10 }),
    resolve: async (_r, args, ctx) => {
      const first = intInRange('first', args.first ?? 50, 1, MAX_GROUPS);
      const filter = filterClause(args.where);
      // The statement checks the filter's ids itself (column `checked`, see idCheckFill): ONE round-trip, and
      // an unknown id still answers NOT_FOUND (the statement's answer is then dropped).
      const check = idCheckFill(filter);
      const g = args.groupBy;
      if (!g) {
        let counted: Promise<number> | undefined;
        const count = () => {
          counted ??= ctx.db
            .query('translate/count', { ...filter.params, ...check.params }, new Map([...filterFill(filter), ...check.fill]))
            .then(async ([row]) => {
              await settleFilterIds(ctx, filter.ids, row?.checked);
              return row?.count ?? 0;
            });
          return counted;
        };
        // Without a grouping there are no groups; the filter's ids are still checked.
        const groups = async (): Promise<GroupShape[]> => {
          if (filter.ids.length) await count();
          return [];
        };
        return { count, groups };
      }
      const byEntity = g.field === 'RELATED' || g.field === 'PROVINCE';
      // Total and groups come from ONE statement, run once whichever of them is asked.
      let result: Promise<{ total: number; groups: GroupShape[] }> | undefined;
      const { query, group } = groupClause(g.field);
      const run = () => {
        result ??= ctx.db
          .query(
            query,
            {
              ...filter.params,
              ...check.params,
              types: g.relationTypes?.length ? g.relationTypes : null,
              direction: g.direction ?? 'BOTH',
              otherKinds: g.kinds?.length ? g.kinds : null,
              first,
            },
            new Map([...filterFill(filter), ...check.fill, ['group', group]]),
          )
          .then(async ([row]) => {
            await settleFilterIds(ctx, filter.ids, row?.checked);
            return {
              total: row?.total ?? 0,
              groups: (row?.groups ?? []).map((r) => ({ key: r.key, count: r.count, entityId: byEntity ? r.key : null })),
            };
          });
        return result;
      };
      return { count: async () => (await run()).total, groups: async () => (await run()).groups };
    },
  }),
}));

interface StatsShape {
  key: string;
  count: number;
  sum: number | null;
  min: number | null;
  max: number | null;
  avg: number | null;
}

const MetricValueStats = builder.objectRef<StatsShape>('MetricValueStats').implement({
  description:
    'Statistics of yearly metric values in one group. Values of different units are summed as they are: group by METRIC to compare like with like.',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'The year, metric id or category of the group.' }),
    count: t.exposeInt('count', { description: 'How many yearly values are in the group.' }),
    sum: t.exposeFloat('sum', { nullable: true, description: 'Their sum (values without a number left out).' }),
    min: t.exposeFloat('min', { nullable: true, description: 'The smallest value.' }),
    max: t.exposeFloat('max', { nullable: true, description: 'The largest value.' }),
    avg: t.exposeFloat('avg', { nullable: true, description: 'The mean value.' }),
  }),
});

const MetricGroupFieldEnum = builder.enumType('MetricGroupField', {
  description: 'What to group metric values by.',
  values: {
    YEAR: { description: 'The year of the value.' },
    METRIC: { description: 'The metric (key: its id).' },
    CATEGORY: { description: "The metric's category." },
  },
});

builder.queryFields((t) => ({
  metricValueStats: t.field({
    type: [MetricValueStats],
    description:
      'Count, sum, min, max and mean of yearly metric values per year, metric or category, e.g. metricValueStats(metrics: ["metric/4g-base-stations-in-service"], groupBy: YEAR).',
    args: {
      metrics: t.arg.idList({ required: false, description: 'Only these metrics (ids).' }),
      categories: t.arg.stringList({ required: false, description: 'Only metrics of these categories, e.g. ["低碳發展"].' }),
      years: t.arg({ type: IntRange, required: false, description: 'Only values of these years.' }),
      groupBy: t.arg({ type: MetricGroupFieldEnum, required: false, defaultValue: 'YEAR', description: 'Default YEAR.' }),
    },
    complexity: { field: 20, multiplier: 10 },
    resolve: async (_r, args, ctx) => {
      const min = args.years?.min ?? null;
      const max = args.years?.max ?? null;
      if (min != null && max != null && min > max)
        throw apiError(`\`years\` has min ${min} above max ${max}: give min ≤ max.`, 'BAD_USER_INPUT', { argument: 'years' });
      return ctx.db.query('metric/value-stats', {
        metrics: args.metrics?.length ? args.metrics : null,
        categories: args.categories?.length ? args.categories : null,
        yearMin: min,
        yearMax: max,
        groupBy: args.groupBy ?? 'YEAR',
      });
    },
  }),
}));
