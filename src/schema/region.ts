import { builder } from '../builder.js';
import { translated } from '../translate/index.js';
import { entityType, listOf, oneOf } from './entity.js';
import { Company } from './organisation.js';

export const Region = entityType('REGION');
export const Branch = entityType('BRANCH');

builder.objectFields(Region, (t) => ({
  level: t.string({
    description: 'country, province, city, county, district, town, village or area.',
    ...translated({ kind: 'props', props: ['level'] }),
    resolve: (r) => r.level ?? 'area',
  }),
  reference: t.boolean({
    description: 'True for a provincial-level division the report never names (kept so that all 31 are there).',
    ...translated({ kind: 'props', props: ['reference'] }),
    resolve: (r) => r.reference ?? false,
  }),
  parent: t.field({
    type: Region,
    nullable: true,
    description: 'The region this one lies in (city → province → country).',
    ...oneOf({ types: ['LOCATED_IN'], direction: 'OUT', kinds: ['REGION'] }),
  }),
  children: t.field({
    type: [Region],
    description: 'Regions lying in this one.',
    ...listOf({ types: ['LOCATED_IN'], direction: 'IN', kinds: ['REGION'] }),
  }),
  branches: t.field({
    type: [Branch],
    description: 'Branches located in this region.',
    ...listOf({ types: ['LOCATED_IN'], direction: 'IN', kinds: ['BRANCH'] }),
  }),
}));

builder.objectFields(Branch, (t) => ({
  region: t.field({
    type: Region,
    nullable: true,
    description: 'Where the branch is (LOCATED_IN).',
    ...oneOf({ types: ['LOCATED_IN'], direction: 'OUT', kinds: ['REGION'] }),
  }),
  parent: t.field({
    type: builder.nodeInterfaceRef(),
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

builder.objectField(Company, 'branches', (t) =>
  t.field({
    type: [Branch],
    description: 'Provincial branches directly under this company.',
    ...listOf({ types: ['BRANCH_OF'], direction: 'IN', kinds: ['BRANCH'] }),
  }),
);
