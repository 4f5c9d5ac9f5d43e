import { describe, expect, it } from 'vitest';
import type { QueryName } from '../../src/db/cypher.js';
import type { Db } from '../../src/db/read.js';
import { createLoaders } from '../../src/loaders/index.js';
import type { EntityRecord, MentionRecord, MetricValueRecord, RelationRecord } from '../../src/loaders/types.js';

/**
 * A recorder of batch calls, as dataloader's own tests use: it stands in for Db.query only, records each
 * statement name with its parameters, and answers with canned rows. This tier tests the batching and
 * ordering logic of the loaders; what the statements return from Neo4j is tested in the main suite.
 */
function recorder(answer: (name: QueryName, params: Record<string, unknown>) => unknown[]) {
  const calls: { name: QueryName; params: Record<string, unknown> }[] = [];
  const db = {
    async query<Row>(name: QueryName, params: Record<string, unknown> = {}): Promise<Row[]> {
      calls.push({ name, params });
      return answer(name, params) as Row[];
    },
  };
  // Only `query` (the typed read) exists: any other use of the Db would fail the test.
  return { calls, loaders: createLoaders(db as unknown as Db) };
}

const entity = (id: string, nameZh: string, whole = true): EntityRecord => ({
  id,
  kind: id.split('/')[0] as string,
  nameZh,
  nameEn: null,
  aliases: [],
  ...(whole ? { evidenceLines: [1], evidenceQuotes: [nameZh], evidenceSections: ['s'] } : {}),
});

const KNOWN = new Map([
  ['partner/meituan', entity('partner/meituan', '美團')],
  ['partner/alibaba', entity('partner/alibaba', '阿里巴巴')],
  ['company/china-unicom-hk', entity('company/china-unicom-hk', '中國聯合網絡通信（香港）股份有限公司')],
]);

/** Rows for the asked ids, in an order of the database's choosing (reversed here), missing ids left out. */
const entityRows = (params: Record<string, unknown>) =>
  (params.ids as string[]).flatMap((id) => (KNOWN.has(id) ? [{ entity: KNOWN.get(id) }] : [])).reverse();

const relation = (entityId: string, type: string, otherId: string, direction: 'OUT' | 'IN' = 'OUT'): RelationRecord => ({
  entityId,
  type,
  direction,
  props: { id: `${entityId}-${type}-${otherId}`, evidenceLines: [], evidenceQuotes: [], evidenceSections: [] },
  node: entity(otherId, otherId, false),
});

describe('createLoaders: entity', () => {
  it('asks once per tick for every id, and answers in request order with null for a missing id', async () => {
    const { calls, loaders } = recorder((_name, params) => entityRows(params));
    const got = await Promise.all(
      ['partner/meituan', 'partner/nobody', 'company/china-unicom-hk', 'partner/alibaba'].map((id) => loaders.entity.load(id)),
    );
    expect(got.map((e) => e?.nameZh ?? null)).toEqual(['美團', null, '中國聯合網絡通信（香港）股份有限公司', '阿里巴巴']);
    expect(calls).toMatchInlineSnapshot(`
      [
        {
          "name": "entity/by-ids",
          "params": {
            "ids": [
              "partner/meituan",
              "partner/nobody",
              "company/china-unicom-hk",
              "partner/alibaba",
            ],
          },
        },
      ]
    `);
  });

  it('asks again in a later tick only for ids it has not seen, and once for an id asked twice', async () => {
    const { calls, loaders } = recorder((_name, params) => entityRows(params));
    const [a, b] = await Promise.all([loaders.entity.load('partner/meituan'), loaders.entity.load('partner/meituan')]);
    expect(a).toBe(b);
    await loaders.entity.loadMany(['partner/meituan', 'partner/alibaba']);
    expect(calls.map((c) => c.params.ids)).toEqual([['partner/meituan'], ['partner/alibaba']]);
  });

  it('fails every load of the batch with the error of its statement', async () => {
    const boom = new Error('database unavailable');
    const { loaders } = recorder(() => {
      throw boom;
    });
    const results = await Promise.allSettled([loaders.entity.load('partner/meituan'), loaders.entity.load('partner/alibaba')]);
    expect(results).toEqual([
      { status: 'rejected', reason: boom },
      { status: 'rejected', reason: boom },
    ]);
  });
});

describe('createLoaders: relations, mentions, degree, metric values', () => {
  it('groups relationship rows by entity, in request order, [] for an entity with none', async () => {
    const { calls, loaders } = recorder(() => [
      relation('partner/alibaba', 'PARTNERS_WITH', 'company/china-unicom-hk'),
      relation('partner/meituan', 'PARTNERS_WITH', 'company/china-unicom-hk'),
      relation('partner/meituan', 'TAKES_PART_IN', 'program/x'),
    ]);
    const [meituan, lonely, alibaba] = await Promise.all(
      ['partner/meituan', 'partner/lonely', 'partner/alibaba'].map((id) => loaders.relations.load(id)),
    );
    expect(meituan?.map((r) => r.type)).toEqual(['PARTNERS_WITH', 'TAKES_PART_IN']);
    expect(lonely).toEqual([]);
    expect(alibaba?.map((r) => r.node.id)).toEqual(['company/china-unicom-hk']);
    expect(calls).toEqual([{ name: 'relation/by-entity-ids', params: { ids: ['partner/meituan', 'partner/lonely', 'partner/alibaba'] } }]);
  });

  it('gives 0 as the degree of an entity the database does not list', async () => {
    const { calls, loaders } = recorder(() => [{ id: 'company/china-unicom-hk', degree: 412 }]);
    const got = await Promise.all([loaders.degree.load('partner/nobody'), loaders.degree.load('company/china-unicom-hk')]);
    expect(got).toEqual([0, 412]);
    expect(calls.map((c) => c.name)).toEqual(['entity/degree']);
  });

  it('groups mentions by entity, [] for none', async () => {
    const mention = (entityId: string, line: number): MentionRecord => ({ entityId, line, text: '…', section: null });
    const { loaders } = recorder(() => [mention('partner/meituan', 10), mention('partner/meituan', 20)]);
    const [none, meituan] = await Promise.all([loaders.mentions.load('partner/alibaba'), loaders.mentions.load('partner/meituan')]);
    expect(none).toEqual([]);
    expect(meituan?.map((m) => m.line)).toEqual([10, 20]);
  });

  it('hands each metric its values (not the rows), [] for none', async () => {
    const value = (year: number, v: number): MetricValueRecord => ({
      year,
      value: v,
      printed: String(v),
      evidenceLine: 4140,
      evidenceQuote: '4G基站到達數量',
      evidenceSection: 'KPI',
    });
    const { calls, loaders } = recorder(() => [
      { metricId: 'metric/4g-base-stations-in-service', value: value(2019, 141) },
      { metricId: 'metric/4g-base-stations-in-service', value: value(2020, 150.3) },
    ]);
    const [none, fourG] = await Promise.all([
      loaders.metricValues.load('metric/none'),
      loaders.metricValues.load('metric/4g-base-stations-in-service'),
    ]);
    expect(none).toEqual([]);
    expect(fourG?.map((v) => [v.year, v.value])).toEqual([
      [2019, 141],
      [2020, 150.3],
    ]);
    expect(calls.map((c) => c.name)).toEqual(['metric/values-by-ids']);
  });
});

describe('createLoaders: neighbours (typed relationship fields)', () => {
  it('sends one statement per distinct filter in a tick, each id once, and answers each key with its own rows', async () => {
    const { calls, loaders } = recorder((_name, params) => {
      const ids = params.ids as string[];
      const types = params.types as string[];
      return ids.filter((id) => id !== 'partner/lonely').map((id) => relation(id, types[0] as string, `other-of/${id}`));
    });
    const partners = { types: ['PARTNERS_WITH'], direction: 'OUT', kinds: ['company'] } as const;
    const programs = { types: ['TAKES_PART_IN'], direction: 'BOTH', kinds: null } as const;
    const got = await Promise.all([
      loaders.neighbours.load({ id: 'partner/meituan', ...partners }),
      loaders.neighbours.load({ id: 'partner/meituan', ...programs }),
      loaders.neighbours.load({ id: 'partner/lonely', ...partners }),
      loaders.neighbours.load({ id: 'partner/alibaba', ...partners }),
    ]);
    expect(got.map((rows) => rows.map((r) => `${r.entityId} ${r.type}`))).toEqual([
      ['partner/meituan PARTNERS_WITH'],
      ['partner/meituan TAKES_PART_IN'],
      [],
      ['partner/alibaba PARTNERS_WITH'],
    ]);
    expect(calls).toEqual([
      {
        name: 'relation/neighbours',
        params: {
          ids: ['partner/meituan', 'partner/lonely', 'partner/alibaba'],
          types: ['PARTNERS_WITH'],
          direction: 'OUT',
          kinds: ['company'],
        },
      },
      { name: 'relation/neighbours', params: { ids: ['partner/meituan'], types: ['TAKES_PART_IN'], direction: 'BOTH', kinds: null } },
    ]);
  });

  it('caches by id and filter, not by key object', async () => {
    const { calls, loaders } = recorder(() => []);
    await loaders.neighbours.load({ id: 'partner/meituan', types: ['PARTNERS_WITH'], direction: 'OUT', kinds: null });
    await loaders.neighbours.load({ id: 'partner/meituan', types: ['PARTNERS_WITH'], direction: 'OUT', kinds: null });
    await loaders.neighbours.load({ id: 'partner/meituan', types: ['PARTNERS_WITH'], direction: 'IN', kinds: null });
    expect(calls.map((c) => c.params.direction)).toEqual(['OUT', 'IN']);
  });
});
