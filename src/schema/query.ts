import { builder } from '../builder.js';
import { apiError } from '../db/errors.js';
import { MAX_QUERY_LENGTH } from '../search/text.js';
import { filterClause, filterFill, legacySort, sortClause } from '../translate/filter.js';
import { compileSelection } from '../translate/index.js';
import { Entity, EntityKindEnum } from './entity.js';
import { idCheckFill, settleFilterIds } from './filter-ids.js';
import { entitiesByName, findEntity, type NameHit } from './lookup.js';
import { pageFromRows, pageWindow } from './pagination.js';
import { EntitySort, EntityWhere } from './where.js';

const EntityOrderEnum = builder.enumType('EntityOrder', {
  description: 'How to order a list of entities.',
  values: {
    NAME: { description: 'By English name (or Chinese where there is none), A→Z.' },
    DEGREE: { description: 'Most connected first.' },
    MENTIONS: { description: 'Most often named in the report first.' },
    ID: { description: 'By id (stable; the default).' },
  },
});

const MAX_NAME_MATCHES = 20;

const NameRankEnum = builder.enumType('NameRank', {
  description: "Which of an entity's names matched.",
  values: {
    PRINTED: { value: 0, description: 'Its name as printed in the report (nameZh).' },
    ENGLISH: { value: 1, description: 'Its English name (nameEn).' },
    ALIAS: { value: 2, description: 'One of its aliases (short forms, Simplified forms, other spellings).' },
  },
});

const NameMatch = builder.objectRef<NameHit>('NameMatch').implement({
  description: 'An entity found by exact name, and which of its names matched.',
  fields: (t) => ({
    entity: t.field({ type: Entity, description: 'The entity.', resolve: (h) => h.entity }),
    matched: t.exposeString('matched', { description: 'The stored name or alias that matched, as stored.' }),
    rank: t.field({ type: NameRankEnum, description: 'Printed name, English name or alias.', resolve: (h) => h.rank as 0 | 1 | 2 }),
  }),
});

builder.queryFields((t) => ({
  entity: t.field({
    type: Entity,
    nullable: true,
    description:
      'One entity by id ("partner/meituan") or by any of its names or aliases, exactly, in Traditional or Simplified Chinese or English ("美團", "美团", "Meituan"). Names are compared after one folding (full-width and half-width forms alike, Traditional = Simplified, case and spaces ignored), so "中國聯合網絡通信（香港）股份有限公司" and "中国联合网络通信(香港)股份有限公司" are the same name. When several entities share a name the rule is: other kinds before METRIC (a KPI row named like a program or award), then a printed name before an English name before an alias, then the name exactly as typed, then the most mentioned; pass `kinds` to choose, or see them all with `entitiesByName`. Null when nothing matches; use `search` for partial names.',
    args: {
      id: t.arg.id({ required: false, description: 'The readable id, e.g. "partner/china-telecom".' }),
      name: t.arg.string({ required: false, description: 'A name or alias, e.g. "中国电信" or "China Telecom".' }),
      kinds: t.arg({
        type: [EntityKindEnum],
        required: false,
        description: 'Only entities of these kinds, e.g. [METRIC] for the KPI row 國家綠色數據中心 rather than the award of that name.',
      }),
    },
    resolve: (_r, { id, name, kinds }, ctx, info) => {
      if (id == null && name == null) throw apiError('Give `id` or `name`, e.g. entity(name: "美團").', 'BAD_USER_INPUT');
      return findEntity(ctx, id ?? null, name ?? null, {
        kinds,
        selection: { compiled: compileSelection(info), variables: info.variableValues },
      });
    },
  }),
  entitiesByName: t.field({
    type: [NameMatch],
    description:
      'Every entity one of whose names or aliases is exactly `name` (after the folding `entity(name:)` uses), best first by the same rule: use it to see who else shares a name.',
    args: {
      name: t.arg.string({ required: true, description: 'A name or alias, e.g. "國家綠色數據中心".' }),
      kinds: t.arg({ type: [EntityKindEnum], required: false, description: 'Only entities of these kinds.' }),
    },
    resolve: (_r, { name, kinds }, ctx, info) => {
      if (name.length > MAX_QUERY_LENGTH)
        throw apiError(`\`name\` is ${name.length} characters long; at most ${MAX_QUERY_LENGTH} are allowed.`, 'BAD_USER_INPUT', {
          argument: 'name',
        });
      return entitiesByName(ctx, name, {
        kinds,
        limit: MAX_NAME_MATCHES,
        selection: { compiled: compileSelection(info, ['entity']), variables: info.variableValues },
      });
    },
  }),
  entities: t.connection(
    {
      type: Entity,
      description:
        'Browse entities: filter with `where`, sort with `sort`, page with `first`/`after`. E.g. universities by the number of programs they take part in: entities(where: {kinds: [PARTNER], sectors: [UNIVERSITY]}, sort: [{by: NEIGHBOURS, kind: PROGRAM, direction: DESC}]). The whole page, with the nested fields asked for, is fetched by ONE statement.',
      args: {
        where: t.arg({ type: EntityWhere, required: false, description: 'Which entities (every condition must hold).' }),
        sort: t.arg({
          type: [EntitySort],
          required: false,
          description: 'Sort keys in order, e.g. [{by: DEGREE, direction: DESC}]; default by id.',
        }),
        kinds: t.arg({ type: [EntityKindEnum], required: false, description: 'Only these kinds (same as `where.kinds`).' }),
        sector: t.arg.string({
          required: false,
          description: 'Partners of this sector only, e.g. "internet".',
          deprecationReason: 'Use `where: {sectors: [INTERNET]}` (an enum: an unknown sector is a validation error).',
        }),
        level: t.arg.string({
          required: false,
          description: 'Regions of this level only, e.g. "province".',
          deprecationReason: 'Use `where: {levels: [PROVINCE]}`.',
        }),
        year: t.arg.int({
          required: false,
          description: 'Entities dated in this year.',
          deprecationReason: 'Use `where: {year: {min: 2020, max: 2020}}`.',
        }),
        category: t.arg.string({
          required: false,
          description: 'Entities (metrics, awards) of this category.',
          deprecationReason: 'Use `where: {categories: ["低碳發展"]}`.',
        }),
        orderBy: t.arg({
          type: EntityOrderEnum,
          required: false,
          description: 'Default ID.',
          deprecationReason: 'Use `sort` (any key, either direction, several keys).',
        }),
      },
      resolve: async (_r, args, ctx, info) => {
        const { offset, limit } = pageWindow(args);
        if (args.sort?.length && args.orderBy)
          throw apiError('Give `sort` or the deprecated `orderBy`, not both.', 'BAD_USER_INPUT', { argument: 'orderBy' });
        const filter = filterClause(args.where, args);
        const { keys, order, params: sortParams } = sortClause(args.sort?.length ? args.sort : legacySort(args.orderBy), filter);
        const compiled = compileSelection(info, ['edges', 'node']);
        // The statement checks the filter's ids itself (column `checked`): one round-trip; an unknown id is NOT_FOUND.
        const check = idCheckFill(filter);
        const rows = await ctx.db.query(
          'translate/list',
          { ...compiled.params(info.variableValues), ...filter.params, ...check.params, ...sortParams, offset, limit: limit + 1 },
          new Map([...compiled.fill, ...filterFill(filter), ...check.fill, ['keys', keys], ['order', order]]),
        );
        await settleFilterIds(ctx, filter.ids, rows[0]?.checked);
        const countFill = new Map([...filterFill(filter), ...idCheckFill(filter, false).fill]);
        return pageFromRows(
          rows.flatMap((r) => (r.entity ? [compiled.read(r.entity)] : [])),
          offset,
          limit,
          async () => (await ctx.db.query('translate/count', filter.params, countFill))[0]?.count ?? 0,
        );
      },
    },
    {
      name: 'EntityConnection',
      description: 'A page of entities.',
      fields: (c) => ({
        totalCount: c.int({
          description: 'How many entities match in all (computed only when asked).',
          resolve: (p) => p.totalCount(),
        }),
      }),
    },
    { name: 'EntityEdge', description: 'One entity in a page.' },
  ),
}));
