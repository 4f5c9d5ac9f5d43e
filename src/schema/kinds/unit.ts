import { builder } from '../../builder.js';
import { Entity, listOf, oneOf } from '../entity.js';
import { Unit } from '../entity-types.js';

builder.objectFields(Unit, (t) => ({
  parent: t.field({
    type: Entity,
    nullable: true,
    description: 'The company or unit this body belongs to.',
    ...oneOf({ types: ['PART_OF'], direction: 'OUT' }),
  }),
  subunits: t.field({
    type: [Unit],
    description: 'Bodies that are part of this one.',
    ...listOf({ types: ['PART_OF'], direction: 'IN', kinds: ['UNIT'] }),
  }),
}));
