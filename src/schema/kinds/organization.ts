import { builder } from '../../builder.js';
import { Entity, listOf, oneOf } from '../entity.js';
import { Organization } from '../entity-types.js';

builder.objectFields(Organization, (t) => ({
  servedBy: t.field({
    type: [Entity],
    description:
      'What serves or covers this body (SERVES, COVERS): the program, product or branch it is a customer, client, user or covered site of, e.g. 沃雲 for 山東高速.',
    ...listOf({ types: ['SERVES', 'COVERS'], direction: 'IN' }),
  }),
  rates: t.field({
    type: [Entity],
    description: 'Companies this rating agency rated (RATED), e.g. the operating company rated AAA (label on the relationship).',
    ...listOf({ types: ['RATED'], direction: 'OUT' }),
  }),
  parent: t.field({
    type: Entity,
    nullable: true,
    description: 'The academy or administration this body belongs to (PART_OF), e.g. 國家廣播電視總局 for 廣科院.',
    ...oneOf({ types: ['PART_OF'], direction: 'OUT' }),
  }),
  institutes: t.field({
    type: [Entity],
    description: 'Institutes and centres that belong to this body (PART_OF), e.g. the two CAS institutes China Unicom works with.',
    ...listOf({ types: ['PART_OF'], direction: 'IN' }),
  }),
  members: t.field({
    type: [Entity],
    description: 'Entities that are members of this body (MEMBER_OF).',
    ...listOf({ types: ['MEMBER_OF'], direction: 'IN' }),
  }),
}));
