import { builder } from '../../builder.js';
import { Entity, listOf } from '../entity.js';
import { Product } from '../entity-types.js';

builder.objectFields(Product, (t) => ({
  offeredBy: t.field({
    type: [Entity],
    description: 'Who offers it (OFFERS): the company, a subsidiary or a branch.',
    ...listOf({ types: ['OFFERS'], direction: 'IN' }),
  }),
  supports: t.field({
    type: [Entity],
    description: 'Programs and events this product serves.',
    ...listOf({ types: ['SUPPORTS'], direction: 'OUT' }),
  }),
}));
