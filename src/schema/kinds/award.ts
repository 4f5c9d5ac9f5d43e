import { builder } from '../../builder.js';
import { Entity, listOf, oneOf } from '../entity.js';
import { Award } from '../entity-types.js';

builder.objectFields(Award, (t) => ({
  year: t.exposeInt('year', { nullable: true, description: 'The year awarded (or the year it is for).' }),
  category: t.exposeString('category', { nullable: true, description: 'A grouping, where the curators gave one.' }),
  recipients: t.field({
    type: [Entity],
    description: 'Who received it: the company, a subsidiary, a branch, a person, a program or product.',
    ...listOf({ types: ['RECEIVED'], direction: 'IN' }),
  }),
  issuers: t.field({
    type: [Entity],
    description: 'Who awarded it (ISSUED_BY), e.g. [上海證券交易所]; several where the report prints several, empty where it names none.',
    ...listOf({ types: ['ISSUED_BY'], direction: 'OUT' }),
  }),
  issuer: t.field({
    type: Entity,
    nullable: true,
    deprecationReason: 'An award can have several issuers: use `issuers`.',
    description: 'The first issuer (ISSUED_BY), by id; kept for old clients.',
    ...oneOf({ types: ['ISSUED_BY'], direction: 'OUT' }),
  }),
}));
