import { builder } from '../builder.js';
import type { EntityRecord } from '../loaders/types.js';
import { translated } from '../translate/index.js';
import { Entity, Evidence, type EvidenceShape, entityType, evidenceOf, listOf, oneOf, related } from './entity.js';
import { Subsidiary } from './organisation.js';

export const Partner = entityType('PARTNER');
export const Organization = entityType('ORGANIZATION');

interface PartnershipShape {
  with: EntityRecord;
  kind: string | null;
  label: string | null;
  date: string | null;
  year: number | null;
  evidence: EvidenceShape[];
}

const Partnership = builder.objectRef<PartnershipShape>('Partnership').implement({
  description: 'One cooperation between a partner and a China Unicom entity (a PARTNERS_WITH relationship).',
  fields: (t) => ({
    with: t.field({ type: Entity, description: 'The China Unicom side: the company, a subsidiary or a branch.', resolve: (p) => p.with }),
    kind: t.exposeString('kind', {
      nullable: true,
      description: 'strategic agreement, co-build and co-share, joint venture, joint lab, research, content, supply, channel ...',
    }),
    label: t.exposeString('label', { nullable: true, description: "The report's own words, e.g. 簽署戰略合作框架協議." }),
    date: t.exposeString('date', { nullable: true, description: 'When, as far as the report says (YYYY, YYYY-MM or YYYY-MM-DD).' }),
    year: t.exposeInt('year', { nullable: true, description: 'The year, where the report gives one.' }),
    evidence: t.field({ type: [Evidence], description: 'The report lines that state it.', resolve: (p) => p.evidence }),
  }),
});

builder.objectFields(Partner, (t) => ({
  sector: t.string({
    description:
      'operator, internet, vendor, university, research, media, ngo, un, alliance, finance, government, enterprise, healthcare, sports or other.',
    ...translated({ kind: 'props', props: ['sector'] }),
    resolve: (p) => p.sector ?? 'other',
  }),
  partnerships: t.field({
    type: [Partnership],
    description: 'Every cooperation with China Unicom entities, with its kind, date and evidence.',
    resolve: async (p, _a, ctx) =>
      (await related(ctx, p, { types: ['PARTNERS_WITH'], direction: 'IN' })).map((r) => ({
        with: r.node,
        kind: r.props.kind ?? null,
        label: r.props.label ?? null,
        date: r.props.date ?? null,
        year: r.props.year ?? null,
        evidence: evidenceOf(r.props),
      })),
  }),
  parent: t.field({
    type: Entity,
    nullable: true,
    description: 'The academy or administration this partner belongs to (PART_OF), e.g. 中國科學院 for 國家授時中心.',
    ...oneOf({ types: ['PART_OF'], direction: 'OUT' }),
  }),
  ventures: t.field({
    type: [Subsidiary],
    description: 'Joint ventures this partner co-founded with China Unicom.',
    ...listOf({ types: ['CO_FOUNDED'], direction: 'OUT', kinds: ['SUBSIDIARY'] }),
  }),
}));

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
