import { builder } from '../builder.js';
import type { EntityRecord } from '../loaders/types.js';
import { translated } from '../translate/index.js';
import { Entity, Evidence, type EvidenceShape, entityType, evidenceOf, listOf, oneOf, related } from './entity.js';

export const Company = entityType('COMPANY');
export const Unit = entityType('UNIT');
export const Subsidiary = entityType('SUBSIDIARY');

interface OwnershipShape {
  company: EntityRecord;
  share: number | null;
  evidence: EvidenceShape[];
}

const Ownership = builder.objectRef<OwnershipShape>('Ownership').implement({
  description: 'A shareholding between two group companies (股權結構), with the percentage the report prints.',
  fields: (t) => ({
    company: t.field({
      type: Entity,
      description: 'The company on the other side: the owner (in `owners`) or the one owned (in `holdings`).',
      resolve: (o) => o.company,
    }),
    share: t.exposeFloat('share', { nullable: true, description: 'Percentage of shares held, e.g. 53.5.' }),
    evidence: t.field({ type: [Evidence], description: 'Where the report prints it.', resolve: (o) => o.evidence }),
  }),
});

builder.objectFields(Company, (t) => ({
  owners: t.field({
    type: [Ownership],
    description: 'Who owns this company, with shares (OWNS relationships pointing here).',
    resolve: async (c, _a, ctx) =>
      (await related(ctx, c, { types: ['OWNS'], direction: 'IN' })).map((r) => ({
        company: r.node,
        share: r.props.share ?? null,
        evidence: evidenceOf(r.props),
      })),
  }),
  holdings: t.field({
    type: [Ownership],
    description: 'What this company owns, with shares (OWNS relationships from here).',
    resolve: async (c, _a, ctx) =>
      (await related(ctx, c, { types: ['OWNS'], direction: 'OUT' })).map((r) => ({
        company: r.node,
        share: r.props.share ?? null,
        evidence: evidenceOf(r.props),
      })),
  }),
  subsidiaries: t.field({
    type: [Subsidiary],
    description: 'Subsidiaries and joint ventures directly under this company.',
    ...listOf({ types: ['SUBSIDIARY_OF'], direction: 'IN', kinds: ['SUBSIDIARY'] }),
  }),
  units: t.field({
    type: [Unit],
    description: 'Internal bodies that are part of this company.',
    ...listOf({ types: ['PART_OF'], direction: 'IN', kinds: ['UNIT'] }),
  }),
}));

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
