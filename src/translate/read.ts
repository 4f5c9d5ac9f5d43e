import type { EntityRecord, MentionRecord, RelationRecord } from '../loaders/types.js';
import type { EntityPlan } from './compile.js';

/** What a compiled relations field fetched: the rows (maybe only a first page) and, when asked, the total. */
export interface PrefetchedRelations {
  rows: RelationRecord[];
  total: number | null;
}

type Row = Record<string, unknown>;

/**
 * Turns a row the compiled statement returned into the record resolvers read: the projected properties,
 * and `prefetched`, a Map from response key to each nested field's value (one value under each alias that asked for it) (read by the resolvers through
 * `prefetched()` in src/schema/entity.ts). Fields compiled for other kinds than this entity's are left out.
 */
export function readEntity(plan: EntityPlan, row: Row): EntityRecord {
  const record: Row = {};
  for (const p of plan.props) record[p] = row[p] ?? null;
  const prefetched = new Map<string, unknown>();
  const kind = row.kind as string;
  for (const f of plan.fields) {
    if (!f.kinds.has(kind as never)) continue;
    const value = row[f.key];
    const set = (v: unknown) => {
      for (const k of f.responseKeys) prefetched.set(k, v);
    };
    switch (f.rule.kind) {
      case 'degree':
        set(value);
        break;
      case 'metricValues':
        record.values = value ?? [];
        break;
      case 'mentions':
        set(((value as Row[] | null) ?? []).map((m) => ({ ...m, entityId: row.id }) as MentionRecord));
        break;
      case 'neighbours': {
        const child = f.child as EntityPlan;
        if (f.rule.one) set(value == null ? null : readEntity(child, value as Row));
        else set(((value as Row[] | null) ?? []).map((v) => readEntity(child, v)));
        break;
      }
      case 'relations': {
        const child = f.child as EntityPlan;
        const { rows, total } = value as { rows: Row[]; total: number | null };
        const relations: PrefetchedRelations = {
          rows: rows.map(
            (r): RelationRecord =>
              ({
                entityId: row.id,
                type: r.type,
                direction: r.direction,
                props: { evidenceLines: [], evidenceQuotes: [], evidenceSections: [], ...(r.props as Row) },
                node: readEntity(child, r.node as Row),
              }) as unknown as RelationRecord,
          ),
          total,
        };
        set(relations);
        break;
      }
    }
  }
  const entity = record as unknown as EntityRecord;
  entity.prefetched = prefetched;
  return entity;
}
