import { builder } from '../../builder.js';
import { translated } from '../../translate/index.js';
import { listOf, oneOf } from '../entity.js';
import { Award, Branch, Organization, Partner, Product, Program, Region } from '../entity-types.js';

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

const PLACES = 'Where the report puts it: the regions it is LOCATED_IN (seed/data/places.yaml); follow Region.parent up to the province.';
builder.objectField(Program, 'places', (t) =>
  t.field({ type: [Region], description: PLACES, ...listOf({ types: ['LOCATED_IN'], direction: 'OUT', kinds: ['REGION'] }) }),
);
builder.objectField(Program, 'covers', (t) =>
  t.field({
    type: [Region],
    description:
      'Regions the programme serves or reaches without being run there (COVERS): 對口援藏 → 革吉縣, 電信普遍服務 → six Hunan cities.',
    ...listOf({ types: ['COVERS'], direction: 'OUT', kinds: ['REGION'] }),
  }),
);
builder.objectField(Product, 'places', (t) =>
  t.field({ type: [Region], description: PLACES, ...listOf({ types: ['LOCATED_IN'], direction: 'OUT', kinds: ['REGION'] }) }),
);
builder.objectField(Organization, 'places', (t) =>
  t.field({ type: [Region], description: PLACES, ...listOf({ types: ['LOCATED_IN'], direction: 'OUT', kinds: ['REGION'] }) }),
);
builder.objectField(Partner, 'places', (t) =>
  t.field({ type: [Region], description: PLACES, ...listOf({ types: ['LOCATED_IN'], direction: 'OUT', kinds: ['REGION'] }) }),
);
builder.objectField(Award, 'places', (t) =>
  t.field({ type: [Region], description: PLACES, ...listOf({ types: ['LOCATED_IN'], direction: 'OUT', kinds: ['REGION'] }) }),
);
