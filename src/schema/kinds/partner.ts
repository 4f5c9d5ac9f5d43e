import { builder } from '../../builder.js';
import type { EntityRecord } from '../../loaders/types.js';
import { translated } from '../../translate/index.js';
import { Entity, Evidence, type EvidenceShape, evidenceOf, listOf, oneOf, related } from '../entity.js';
import { Partner, Program, Subsidiary } from '../entity-types.js';
import { RUNS_OR_JOINS } from './program.js';

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

builder.objectField(Partner, 'programs', (t) =>
  t.field({
    type: [Program],
    description: 'Programs this partner takes part in, e.g. 5G共建共享 for China Telecom.',
    ...listOf({ types: RUNS_OR_JOINS, direction: 'OUT', kinds: ['PROGRAM'] }),
  }),
);
