import { builder } from '../../builder.js';
import type { EntityRecord } from '../../loaders/types.js';
import { Entity, Evidence, type EvidenceShape, evidenceOf, listOf, related } from '../entity.js';
import { Award, Branch, Company, Metric, Person, Product, Program, Subsidiary, Unit } from '../entity-types.js';

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
  people: t.field({
    type: [Person],
    description: 'People holding (or who held) roles at this company.',
    ...listOf({ types: ['HOLDS_ROLE'], direction: 'IN', kinds: ['PERSON'] }),
  }),
  awards: t.field({
    type: [Award],
    description: 'Honours this company received.',
    ...listOf({ types: ['RECEIVED'], direction: 'OUT', kinds: ['AWARD'] }),
  }),
  branches: t.field({
    type: [Branch],
    description: 'Provincial branches directly under this company.',
    ...listOf({ types: ['BRANCH_OF'], direction: 'IN', kinds: ['BRANCH'] }),
  }),
  metrics: t.field({
    type: [Metric],
    description:
      'Metrics this company reports (REPORTS: the reporting company discloses every metric, the KPI table and the text figures) and those the report states about it (MEASURED_BY), ordered by id.',
    ...listOf({ types: ['REPORTS', 'MEASURED_BY'], direction: 'OUT', kinds: ['METRIC'] }),
  }),
}));

// Programs and products: on Company and on Subsidiary alike.
for (const ref of [Company, Subsidiary] as const) {
  builder.objectField(ref, 'programs', (t) =>
    t.field({
      type: [Program],
      description: 'Programs it runs (RUNS).',
      ...listOf({ types: ['RUNS'], direction: 'OUT', kinds: ['PROGRAM'] }),
    }),
  );
  builder.objectField(ref, 'products', (t) =>
    t.field({
      type: [Product],
      description: 'Products it offers (OFFERS).',
      ...listOf({ types: ['OFFERS'], direction: 'OUT', kinds: ['PRODUCT'] }),
    }),
  );
}
