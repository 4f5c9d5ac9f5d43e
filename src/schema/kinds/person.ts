import { builder } from '../../builder.js';
import type { EntityRecord } from '../../loaders/types.js';
import { Entity, Evidence, type EvidenceShape, evidenceOf, listOf, related } from '../entity.js';
import { Award, Person } from '../entity-types.js';

interface RoleShape {
  role: string | null;
  organization: EntityRecord;
  since: string | null;
  until: string | null;
  evidence: EvidenceShape[];
}

const Role = builder.objectRef<RoleShape>('Role').implement({
  description: 'A position a person holds or held (HOLDS_ROLE), with dates of appointment and departure where given.',
  fields: (t) => ({
    role: t.exposeString('role', { nullable: true, description: 'The title as printed, e.g. 董事長兼首席執行官.' }),
    organization: t.field({ type: Entity, description: 'Where the role is held: the company or a unit.', resolve: (r) => r.organization }),
    since: t.exposeString('since', { nullable: true, description: 'Appointed on (YYYY, YYYY-MM or YYYY-MM-DD).' }),
    until: t.exposeString('until', { nullable: true, description: 'Left on (resigned or retired), where the report says so.' }),
    current: t.boolean({ description: 'True unless the report gives a departure date.', resolve: (r) => r.until === null }),
    evidence: t.field({ type: [Evidence], description: 'The report lines that state it.', resolve: (r) => r.evidence }),
  }),
});

builder.objectFields(Person, (t) => ({
  title: t.exposeString('title', { nullable: true, description: 'The main title as printed, e.g. 董事長兼首席執行官.' }),
  roles: t.field({
    type: [Role],
    description: 'Every role the report gives, with dates.',
    resolve: async (p, _a, ctx) =>
      (await related(ctx, p, { types: ['HOLDS_ROLE'], direction: 'OUT' })).map((r) => ({
        role: r.props.role ?? null,
        organization: r.node,
        since: r.props.since ?? null,
        until: r.props.until ?? null,
        evidence: evidenceOf(r.props),
      })),
  }),
  awards: t.field({
    type: [Award],
    description: 'Honours this person received.',
    ...listOf({ types: ['RECEIVED'], direction: 'OUT', kinds: ['AWARD'] }),
  }),
}));
