import DataLoader from 'dataloader';
import type { Db } from '../db/read.js';
import type { EntityRecord, MentionRecord, MetricValueRecord, RelationRecord } from './types.js';

function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

/**
 * Per-request loaders: each batches every key asked for in one tick into ONE named query, and hands
 * results back in request order (null for a missing entity, [] for nothing related).
 */
export function createLoaders(db: Db) {
  const entity: DataLoader<string, EntityRecord | null> = new DataLoader(async (ids) => {
    const rows = await db.read<{ entity: EntityRecord }>('entity/by-ids', { ids });
    const byId = new Map(rows.map((r) => [r.entity.id, r.entity]));
    return ids.map((id) => byId.get(id) ?? null);
  });

  const relations = new DataLoader<string, RelationRecord[]>(async (ids) => {
    const rows = await db.read<RelationRecord>('relation/by-entity-ids', { ids });
    // The other ends come with their properties: later lookups of them need no round-trip.
    for (const r of rows) entity.prime(r.node.id, r.node);
    const byId = groupBy(rows, (r) => r.entityId);
    return ids.map((id) => byId.get(id) ?? []);
  });

  const degree = new DataLoader<string, number>(async (ids) => {
    const rows = await db.read<{ id: string; degree: number }>('entity/degree', { ids });
    const byId = new Map(rows.map((r) => [r.id, r.degree]));
    return ids.map((id) => byId.get(id) ?? 0);
  });

  const mentions = new DataLoader<string, MentionRecord[]>(async (ids) => {
    const rows = await db.read<MentionRecord>('mention/by-entity-ids', { ids });
    const byId = groupBy(rows, (r) => r.entityId);
    return ids.map((id) => byId.get(id) ?? []);
  });

  const metricValues = new DataLoader<string, MetricValueRecord[]>(async (ids) => {
    const rows = await db.read<{ metricId: string; value: MetricValueRecord }>('metric/values-by-ids', { ids });
    const byId = groupBy(rows, (r) => r.metricId);
    return ids.map((id) => (byId.get(id) ?? []).map((r) => r.value));
  });

  return { entity, relations, degree, mentions, metricValues };
}

export type Loaders = ReturnType<typeof createLoaders>;
