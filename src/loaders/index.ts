import DataLoader from 'dataloader';
import type { Db } from '../db/read.js';
import type { QueryRows } from '../db/rows.js';
import { idLookup } from '../search/text.js';
import type { CompiledSelection } from '../translate/index.js';
import type { EntityRecord, LineRecord, MentionRecord, MetricValueRecord, RelationRecord, SentenceRecord } from './types.js';

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

/** Which relationships a typed field wants: types, direction (OUT | IN | BOTH) and the other end's kinds. */
export interface NeighbourKey {
  id: string;
  types: readonly string[];
  direction: 'OUT' | 'IN' | 'BOTH';
  kinds: readonly string[] | null;
}

const filterKey = (k: NeighbourKey | Omit<NeighbourKey, 'id'>): string =>
  `${k.types.join(',')}|${k.direction}|${k.kinds?.join(',') ?? '*'}`;

/** How many close names an unknown filter id is answered with. */
export const ID_SUGGESTIONS = 3;

/**
 * Per-request loaders: each batches every key asked for in one tick into ONE named query, and hands
 * results back in request order (null for a missing entity, [] for nothing related).
 */
export function createLoaders(db: Db) {
  const entity: DataLoader<string, EntityRecord | null> = new DataLoader(async (ids) => {
    const rows = await db.query('entity/by-ids', { ids });
    const byId = new Map(rows.map((r) => [r.entity.id, { ...r.entity, values: r.values }]));
    return ids.map((id) => byId.get(id) ?? null);
  });

  const relations = new DataLoader<string, RelationRecord[]>(async (ids) => {
    // The other ends come slim (names and scalar fields), so they must not prime the entity loader.
    const rows = await db.query('relation/by-entity-ids', { ids });
    const byId = groupBy(rows, (r) => r.entityId);
    return ids.map((id) => byId.get(id) ?? []);
  });

  // Typed fields (Partner.programs, Program.branches ...) ask for one type and direction: fetching only
  // those rows, not every relationship of the entity, keeps hubs cheap. One query per distinct filter.
  const neighbours = new DataLoader<NeighbourKey, RelationRecord[], string>(
    async (keys) => {
      const groups = groupBy(keys, filterKey);
      const results = new Map<string, RelationRecord[]>();
      await Promise.all(
        [...groups.values()].map(async (group) => {
          const [{ types, direction, kinds }] = group as [NeighbourKey];
          const ids = [...new Set(group.map((k) => k.id))];
          const rows = await db.query('relation/neighbours', { ids, types, direction, kinds });
          const byId = groupBy(rows, (r) => r.entityId);
          for (const id of ids) results.set(`${id}|${filterKey({ id, types, direction, kinds })}`, byId.get(id) ?? []);
        }),
      );
      return keys.map((k) => results.get(`${k.id}|${filterKey(k)}`) ?? []);
    },
    { cacheKeyFn: (k) => `${k.id}|${filterKey(k)}` },
  );

  // Whether filter ids name entities (and what they might have meant when not): every id of every filter
  // in one tick, across root fields, in ONE statement.
  const idCheck = new DataLoader<string, QueryRows['entity/check-ids']>(async (ids) => {
    const rows = await db.query('entity/check-ids', { checks: ids.map(idLookup), limit: ID_SUGGESTIONS });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? { id, kind: null, suggestions: [] });
  });

  const degree = new DataLoader<string, number>(async (ids) => {
    const rows = await db.query('entity/degree', { ids });
    const byId = new Map(rows.map((r) => [r.id, r.degree]));
    return ids.map((id) => byId.get(id) ?? 0);
  });

  const mentions = new DataLoader<string, MentionRecord[]>(async (ids) => {
    const rows = await db.query('mention/by-entity-ids', { ids });
    const byId = groupBy(rows, (r) => r.entityId);
    return ids.map((id) => byId.get(id) ?? []);
  });

  const metricValues = new DataLoader<string, MetricValueRecord[]>(async (ids) => {
    const rows = await db.query('metric/values-by-ids', { ids });
    const byId = groupBy(rows, (r) => r.metricId);
    return ids.map((id) => (byId.get(id) ?? []).map((r) => r.value));
  });

  const lines = new DataLoader<number, LineRecord | null>(async (numbers) => {
    const rows = await db.query('line/by-numbers', { numbers });
    const byNumber = new Map(rows.map((r) => [r.line.number, r.line]));
    return numbers.map((n) => byNumber.get(n) ?? null);
  });

  const sentences = new DataLoader<string, SentenceRecord | null>(async (ids) => {
    const rows = await db.query('sentence/by-ids', { ids });
    const byId = new Map(rows.map((r) => [r.sentence.id, r.sentence]));
    return ids.map((id) => byId.get(id) ?? null);
  });

  const lineEntities = new DataLoader<number, EntityRecord[]>(async (numbers) => {
    const rows = await db.query('line/entities', { numbers });
    const byNumber = groupBy(rows, (r) => r.number);
    return numbers.map((n) => (byNumber.get(n) ?? []).map((r) => r.entity));
  });

  // Partners on a theme: ABOUT it themselves or through a program, event, publication they share.
  const themePartners = new DataLoader<string, EntityRecord[]>(async (ids) => {
    const rows = await db.query('theme/partners', { ids });
    const byId = groupBy(rows, (r) => r.themeId);
    return ids.map((id) => (byId.get(id) ?? []).map((r) => r.node));
  });

  // Entities by id with a compiled selection (entity(id:), node, nodes): one statement per distinct
  // statement text and parameters, so aliases asking the same shape share ONE batched statement. The rows
  // come back raw: each caller reads them with its own plan (the same text may answer other response keys).
  const compiledLoaders = new Map<string, DataLoader<string, Record<string, unknown> | null>>();
  function compiled(selection: CompiledSelection, variables: Readonly<Record<string, unknown>>) {
    const params = selection.params(variables);
    const key = `${selection.projection}\u0000${JSON.stringify(params)}`;
    let loader = compiledLoaders.get(key);
    if (!loader) {
      loader = new DataLoader<string, Record<string, unknown> | null>(async (ids) => {
        const rows = await db.query('translate/by-ids', { ...params, ids }, selection.fill);
        const byId = new Map(rows.map((r) => [r.entity.id as string, r.entity]));
        return ids.map((id) => byId.get(id) ?? null);
      });
      compiledLoaders.set(key, loader);
    }
    const rows = loader;
    return {
      load: async (id: string): Promise<EntityRecord | null> => {
        const row = await rows.load(id);
        return row ? selection.read(row) : null;
      },
    };
  }

  return {
    entity,
    compiled,
    idCheck,
    relations,
    neighbours,
    degree,
    mentions,
    metricValues,
    lines,
    sentences,
    lineEntities,
    themePartners,
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
