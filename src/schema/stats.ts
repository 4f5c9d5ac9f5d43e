import { builder } from '../builder.js';
import { readGraphVersion } from '../graph-version.js';
import type { EntityKind } from '../model/index.js';
import { EntityKindEnum } from './entity.js';

interface StatsShape {
  kinds: { kind: EntityKind; count: number }[];
  relationTypes: { type: string; count: number }[];
  lines: number;
  sections: number;
  metricValues: number;
  version: string | null;
  seededAt: string | null;
}

const KindCount = builder.objectRef<{ kind: EntityKind; count: number }>('KindCount').implement({
  description: 'How many entities there are of one kind.',
  fields: (t) => ({
    kind: t.field({ type: EntityKindEnum, description: 'The kind.', resolve: (k) => k.kind }),
    count: t.exposeInt('count', { description: 'How many.' }),
  }),
});
const TypeCount = builder.objectRef<{ type: string; count: number }>('TypeCount').implement({
  description: 'How many relationships there are of one type.',
  fields: (t) => ({
    type: t.exposeString('type', { description: 'The relationship type.' }),
    count: t.exposeInt('count', { description: 'How many.' }),
  }),
});

const Stats = builder.objectRef<StatsShape>('Stats').implement({
  description: 'The size and shape of the graph.',
  fields: (t) => ({
    entities: t.int({ description: 'All entities.', resolve: (s) => s.kinds.reduce((a, k) => a + k.count, 0) }),
    relations: t.int({
      description: 'All relationships between entities.',
      resolve: (s) => s.relationTypes.reduce((a, k) => a + k.count, 0),
    }),
    kinds: t.field({ type: [KindCount], description: 'Entities per kind.', resolve: (s) => s.kinds }),
    relationTypes: t.field({
      type: [TypeCount],
      description: 'Relationships per type (use these names in `types` filters).',
      resolve: (s) => s.relationTypes,
    }),
    lines: t.exposeInt('lines', { description: 'Lines of the report text.' }),
    sections: t.exposeInt('sections', { description: 'Chapters and sections of the report.' }),
    metricValues: t.exposeInt('metricValues', { description: 'Yearly metric values.' }),
    version: t.exposeString('version', { nullable: true, description: 'A hash of the seeded data: changes whenever the graph does.' }),
    seededAt: t.exposeString('seededAt', { nullable: true, description: 'When the graph was last seeded (ISO 8601).' }),
  }),
});

builder.queryField('stats', (t) =>
  t.field({
    type: Stats,
    description: 'Counts per kind and per relationship type, and the version of the seeded graph.',
    resolve: async (_r, _a, ctx) => {
      const [rows, meta] = await Promise.all([ctx.db.query('graph/stats'), readGraphVersion(ctx.db)]);
      const node = (name: string) => rows.find((r) => r.what === 'node' && r.name === name)?.count ?? 0;
      return {
        kinds: rows.filter((r) => r.what === 'kind').map((r) => ({ kind: r.name as EntityKind, count: r.count })),
        relationTypes: rows.filter((r) => r.what === 'relation').map((r) => ({ type: r.name, count: r.count })),
        lines: node('Line'),
        sections: node('Section'),
        metricValues: node('MetricValue'),
        version: meta?.version ?? null,
        seededAt: meta?.seededAt ?? null,
      };
    },
  }),
);
