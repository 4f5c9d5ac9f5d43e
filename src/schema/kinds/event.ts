import { builder } from '../../builder.js';
import { Entity, listOf, oneOf } from '../entity.js';
import { Event } from '../entity-types.js';

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
