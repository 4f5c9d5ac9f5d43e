import { builder } from '../../builder.js';
import { Entity, listOf, oneOf } from '../entity.js';
import { Branch, Program, Region } from '../entity-types.js';
import { RUNS_OR_JOINS } from './program.js';

builder.objectFields(Branch, (t) => ({
  region: t.field({
    type: Region,
    nullable: true,
    description: 'Where the branch is (LOCATED_IN).',
    ...oneOf({ types: ['LOCATED_IN'], direction: 'OUT', kinds: ['REGION'] }),
  }),
  parent: t.field({
    type: Entity,
    nullable: true,
    description: 'The provincial branch (for a city branch) or the operating company (for a provincial branch).',
    ...oneOf({ types: ['BRANCH_OF'], direction: 'OUT' }),
  }),
  branches: t.field({
    type: [Branch],
    description: 'City and county branches under this one.',
    ...listOf({ types: ['BRANCH_OF'], direction: 'IN', kinds: ['BRANCH'] }),
  }),
}));

builder.objectField(Branch, 'programs', (t) =>
  t.field({
    type: [Program],
    description: 'Programs this branch runs or takes part in.',
    ...listOf({ types: RUNS_OR_JOINS, direction: 'OUT', kinds: ['PROGRAM'] }),
  }),
);
