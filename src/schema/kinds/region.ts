import { builder } from '../../builder.js';
import { translated } from '../../translate/index.js';
import { listOf, oneOf } from '../entity.js';
import { Branch, Region } from '../entity-types.js';

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
