import { builder } from '../builder.js';
import { apiError } from '../db/errors.js';
import { ENTITY_KINDS } from '../kinds.js';
import type { EntityRecord } from '../loaders/types.js';
import { Entity, EntityKindEnum } from './entity.js';
import { selectsRelations } from './lookahead.js';
import { findEntity } from './lookup.js';
import { pageFromRows, pageWindow } from './pagination.js';

const EntityOrderEnum = builder.enumType('EntityOrder', {
  description: 'How to order a list of entities.',
  values: {
    NAME: { description: 'By English name (or Chinese where there is none), A→Z.' },
    DEGREE: { description: 'Most connected first.' },
    MENTIONS: { description: 'Most often named in the report first.' },
    ID: { description: 'By id (stable; the default).' },
  },
});

builder.queryFields((t) => ({
  entity: t.field({
    type: Entity,
    nullable: true,
    description:
      'One entity by id ("partner/meituan") or by any of its names or aliases, exactly, in Traditional or Simplified Chinese or English ("美團", "美团", "Meituan"). Null when nothing matches; use `search` for partial names.',
    args: {
      id: t.arg.id({ required: false, description: 'The readable id, e.g. "partner/china-telecom".' }),
      name: t.arg.string({ required: false, description: 'A name or alias, e.g. "中国电信" or "China Telecom".' }),
    },
    resolve: (_r, { id, name }, ctx, info) => {
      if (id == null && name == null) throw apiError('Give `id` or `name`, e.g. entity(name: "美團").', 'BAD_USER_INPUT');
      return findEntity(ctx, id ?? null, name ?? null, selectsRelations(info));
    },
  }),
  entities: t.connection(
    {
      type: Entity,
      description: 'Browse entities: filter by kinds and kind-specific fields, order, and page with `first`/`after`.',
      args: {
        kinds: t.arg({ type: [EntityKindEnum], required: false, description: 'Only these kinds, e.g. [PARTNER, ORGANIZATION].' }),
        sector: t.arg.string({ required: false, description: 'Partners of this sector only, e.g. "internet", "university".' }),
        level: t.arg.string({ required: false, description: 'Regions of this level only, e.g. "province", "city".' }),
        year: t.arg.int({ required: false, description: 'Entities (awards, events, publications) dated in this year.' }),
        category: t.arg.string({ required: false, description: 'Entities (metrics, awards) of this category.' }),
        orderBy: t.arg({ type: EntityOrderEnum, required: false, description: 'Default ID.' }),
      },
      resolve: async (_r, args, ctx, info) => {
        const { offset, limit } = pageWindow(args);
        const filters = {
          kinds: args.kinds?.length ? args.kinds : ENTITY_KINDS,
          sector: args.sector ?? null,
          level: args.level ?? null,
          year: args.year ?? null,
          category: args.category ?? null,
        };
        const rows = await ctx.db.read<{ entity: EntityRecord }>('entity/list', {
          ...filters,
          order: args.orderBy ?? 'ID',
          withRelations: selectsRelations(info, ['edges', 'node']),
          offset,
          limit: limit + 1,
        });
        const entities = ctx.loaders.adopt(rows.map((r) => r.entity));
        return pageFromRows(
          entities,
          offset,
          limit,
          async () => (await ctx.db.read<{ count: number }>('entity/count', filters))[0]?.count ?? 0,
        );
      },
    },
    {
      name: 'EntityConnection',
      description: 'A page of entities.',
      fields: (c) => ({
        totalCount: c.int({
          description: 'How many entities match in all (computed only when asked).',
          resolve: (p) => (p as unknown as { totalCount: () => Promise<number> }).totalCount(),
        }),
      }),
    },
    { name: 'EntityEdge', description: 'One entity in a page.' },
  ),
}));
