import { builder } from '../../builder.js';
import { Entity, listOf, oneOf } from '../entity.js';
import { Branch, Partner, Product, Program } from '../entity-types.js';

export const RUNS_OR_JOINS = ['RUNS', 'PARTICIPATES_IN'];

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
