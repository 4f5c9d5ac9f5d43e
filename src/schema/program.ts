import { builder } from '../builder.js';
import { Entity, entityType, listOf, oneOf } from './entity.js';
import { Company, Subsidiary } from './organisation.js';
import { Partner } from './partner.js';
import { Branch } from './region.js';

export const Program = entityType('PROGRAM');
export const Product = entityType('PRODUCT');
export const Event = entityType('EVENT');

const RUNS_OR_JOINS = ['RUNS', 'PARTICIPATES_IN'];

builder.objectFields(Program, (t) => ({
  partners: t.field({
    type: [Partner],
    description: 'Partners taking part in this program (PARTICIPATES_IN), e.g. China Telecom in 5G共建共享.',
    ...listOf({ types: RUNS_OR_JOINS, direction: 'IN', kinds: ['PARTNER'] }),
  }),
  branches: t.field({
    type: [Branch],
    description: 'Branches that run or take part in this program.',
    ...listOf({ types: RUNS_OR_JOINS, direction: 'IN', kinds: ['BRANCH'] }),
  }),
  runBy: t.field({
    type: [Entity],
    description: 'Who runs it (RUNS): the company, a subsidiary, a branch or a unit.',
    ...listOf({ types: ['RUNS'], direction: 'IN' }),
  }),
  parent: t.field({
    type: Program,
    nullable: true,
    description: 'The larger program this one is part of.',
    ...oneOf({ types: ['PART_OF'], direction: 'OUT', kinds: ['PROGRAM'] }),
  }),
  parts: t.field({
    type: [Entity],
    description: 'Programs and events that are part of this one.',
    ...listOf({ types: ['PART_OF'], direction: 'IN' }),
  }),
  products: t.field({
    type: [Product],
    description: 'Products that serve this program (SUPPORTS).',
    ...listOf({ types: ['SUPPORTS'], direction: 'IN', kinds: ['PRODUCT'] }),
  }),
}));

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

builder.objectFields(Event, (t) => ({
  date: t.exposeString('date', { nullable: true, description: 'When (YYYY, YYYY-MM or YYYY-MM-DD).' }),
  year: t.exposeInt('year', { nullable: true, description: 'The year it took place.' }),
  organizers: t.field({
    type: [Entity],
    description: 'Who organised it (ORGANIZED).',
    ...listOf({ types: ['ORGANIZED'], direction: 'IN' }),
  }),
  participants: t.field({
    type: [Entity],
    description: 'Who took part (PARTICIPATES_IN).',
    ...listOf({ types: ['PARTICIPATES_IN'], direction: 'IN' }),
  }),
  location: t.field({
    type: Entity,
    nullable: true,
    description: 'Where it took place.',
    ...oneOf({ types: ['LOCATED_IN'], direction: 'OUT', kinds: ['REGION'] }),
  }),
}));

builder.objectField(Partner, 'programs', (t) =>
  t.field({
    type: [Program],
    description: 'Programs this partner takes part in, e.g. 5G共建共享 for China Telecom.',
    ...listOf({ types: RUNS_OR_JOINS, direction: 'OUT', kinds: ['PROGRAM'] }),
  }),
);
builder.objectField(Branch, 'programs', (t) =>
  t.field({
    type: [Program],
    description: 'Programs this branch runs or takes part in.',
    ...listOf({ types: RUNS_OR_JOINS, direction: 'OUT', kinds: ['PROGRAM'] }),
  }),
);
for (const ref of [Company, Subsidiary] as const) {
  builder.objectField(ref, 'programs', (t) =>
    t.field({
      type: [Program],
      description: 'Programs it runs (RUNS).',
      ...listOf({ types: ['RUNS'], direction: 'OUT', kinds: ['PROGRAM'] }),
    }),
  );
  builder.objectField(ref, 'products', (t) =>
    t.field({
      type: [Product],
      description: 'Products it offers (OFFERS).',
      ...listOf({ types: ['OFFERS'], direction: 'OUT', kinds: ['PRODUCT'] }),
    }),
  );
}
