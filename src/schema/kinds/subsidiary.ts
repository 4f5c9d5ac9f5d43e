import { builder } from '../../builder.js';
import { translated } from '../../translate/index.js';
import { Entity, listOf, oneOf } from '../entity.js';
import { Subsidiary } from '../entity-types.js';

builder.objectFields(Subsidiary, (t) => ({
  jointVenture: t.boolean({
    description: 'True for a joint venture with outside partners.',
    ...translated({ kind: 'props', props: ['jointVenture'] }),
    resolve: (s) => s.jointVenture ?? false,
  }),
  parent: t.field({
    type: Entity,
    nullable: true,
    description: 'The company (or subsidiary) it belongs to.',
    ...oneOf({ types: ['SUBSIDIARY_OF'], direction: 'OUT' }),
  }),
  coFounders: t.field({
    type: [Entity],
    description: 'For joint ventures: who founded it together with China Unicom (CO_FOUNDED).',
    ...listOf({ types: ['CO_FOUNDED'], direction: 'IN' }),
  }),
}));
