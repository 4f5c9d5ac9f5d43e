import { builder } from '../../builder.js';
import { Entity, listOf } from '../entity.js';
import { Publication } from '../entity-types.js';

builder.objectFields(Publication, (t) => ({
  year: t.exposeInt('year', { nullable: true, description: 'The year published, where given.' }),
  publishers: t.field({
    type: [Entity],
    description: 'Who published it (PUBLISHED).',
    ...listOf({ types: ['PUBLISHED'], direction: 'IN' }),
  }),
}));
