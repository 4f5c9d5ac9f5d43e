import { builder } from '../../builder.js';
import type { EntityRecord } from '../../loaders/types.js';
import { Entity, EntityKindEnum, listOf, neighbours } from '../entity.js';
import { Partner, Program, Theme } from '../entity-types.js';

builder.objectFields(Theme, (t) => ({
  entities: t.field({
    type: [Entity],
    description:
      'Everything ABOUT this theme, optionally only of `kinds`, by id. Each ABOUT relationship carries its evidence (see Entity.relations).',
    args: { kinds: t.arg({ type: [EntityKindEnum], required: false, description: 'Only these kinds, e.g. [PROGRAM, EVENT].' }) },
    resolve: (theme, { kinds }, ctx) => neighbours(ctx, theme, { types: ['ABOUT'], direction: 'IN', kinds: kinds?.length ? kinds : null }),
  }),
  programs: t.field({
    type: [Program],
    description: 'Programs ABOUT this theme, e.g. 5G共建共享 for 5G.',
    ...listOf({ types: ['ABOUT'], direction: 'IN', kinds: ['PROGRAM'] }),
  }),
  partners: t.field({
    type: [Partner],
    description:
      'Partners working with China Unicom on this theme: ABOUT it themselves (their cooperation is), or taking part in, co-founding, co-publishing or co-organising something ABOUT it (not through a Company).',
    resolve: (theme: EntityRecord, _a, ctx) => ctx.loaders.themePartners.load(theme.id),
  }),
}));

builder.interfaceField(Entity, 'themes', (t) =>
  t.field({
    type: [Theme],
    description:
      'The themes this entity is ABOUT (5G, 大數據, 脫貧攻堅 ...), each relationship with its evidence in `relations(types: ["ABOUT"])`.',
    ...listOf({ types: ['ABOUT'], direction: 'OUT', kinds: ['THEME'] }),
  }),
);
