import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Context } from '../../src/context.js';
import type { QueryName } from '../../src/db/cypher.js';
import { CYPHER_DIR, compact } from '../../src/db/cypher.js';
import type { Db } from '../../src/db/read.js';
import { fillTemplate } from '../../src/db/read.js';
import { createLoaders } from '../../src/loaders/index.js';
import { idCheckFill, settleFilterIds } from '../../src/schema/filter-ids.js';
import { filterClause, filterFill, groupClause } from '../../src/translate/filter.js';

/**
 * The id check of EntityWhere filters (src/schema/filter-ids.ts) folded into the statement it guards:
 * the slots it fills and how it reads the statement's `checked` column. What Neo4j answers is tested in
 * test/filters.test.ts; here a recorder stands in for Db.query (as in loaders.test.ts) to count statements.
 */
function recorder() {
  const calls: { name: QueryName; params: Record<string, unknown> }[] = [];
  const db = {
    async query<Row>(name: QueryName, params: Record<string, unknown> = {}): Promise<Row[]> {
      calls.push({ name, params });
      const checks = (params.checks ?? []) as { id: string }[];
      return checks.map((c) => ({
        id: c.id,
        kind: null,
        suggestions: [{ id: 'region/xizang', kind: 'REGION', nameZh: '西藏', nameEn: 'Xizang', matched: 'Tibet' }],
      })) as Row[];
    },
  };
  return { calls, ctx: { loaders: createLoaders(db as unknown as Db) } as unknown as Context };
}

const template = (name: string) => compact(readFileSync(`${CYPHER_DIR}${name}.cypher`, 'utf8'), name);

describe('idCheckFill: the id check inside the statement (slots checkOpen, checkClose)', () => {
  it('a filter without ids leaves the statement as it was: both slots empty, no parameter', () => {
    const filter = filterClause({ kinds: ['PARTNER'], sectors: ['internet'] });
    const check = idCheckFill(filter);
    expect(check).toEqual({
      fill: [
        ['checkOpen', ''],
        ['checkClose', ''],
      ],
      params: {},
    });
    const text = fillTemplate(template('translate/count'), new Map([...filterFill(filter), ...check.fill]));
    expect(text).not.toMatch(/filterIds|OPTIONAL CALL|checked/);
    expect(text.split('\n').at(-1)).toBe('RETURN count(n) AS count');
  });

  it('with ids (locatedIn, about, relatedTo) the body runs in OPTIONAL CALL and returns `checked`; each id is looked up once', () => {
    const filter = filterClause({
      locatedIn: 'region/guangdong',
      or: [{ about: ['theme/5g'] }, { about: ['theme/5g', 'theme/big-data'] }],
    });
    const check = idCheckFill(filter);
    expect(check.params).toEqual({ filterIds: ['region/guangdong', 'theme/5g', 'theme/big-data'] });
    const { query, group } = groupClause('KIND');
    const text = fillTemplate(template(query), new Map([...filterFill(filter), ...check.fill, ['group', group]]));
    const lines = text.split('\n');
    expect(lines[1]).toBe('WITH COLLECT { MATCH (f:Entity) WHERE f.id IN $filterIds RETURN f {.id, .kind} } AS checked');
    expect(lines[2]).toBe('OPTIONAL CALL () {');
    expect(lines.slice(-3)).toEqual(['RETURN total, groups[0..toInteger($first)] AS groups', '}', 'RETURN *']);
  });

  it('with `check` false (totalCount beside a page that checked) the slots stay empty', () => {
    expect(idCheckFill(filterClause({ about: ['theme/5g'] }), false).params).toEqual({});
  });
});

describe('settleFilterIds: the `checked` column decides; suggestions only for unknown ids', () => {
  const refs = [
    { argument: 'where.locatedIn', id: 'region/guangdong', kind: null },
    { argument: 'where.about', id: 'theme/5g', kind: 'THEME' },
  ];

  it('every id found, of the kind wanted: no error and no statement', async () => {
    const { calls, ctx } = recorder();
    await settleFilterIds(ctx, refs, [
      { id: 'theme/5g', kind: 'THEME' },
      { id: 'region/guangdong', kind: 'REGION' },
    ]);
    expect(calls).toEqual([]);
  });

  it('an id of the wrong kind is BAD_USER_INPUT naming the argument, without a statement', async () => {
    const { calls, ctx } = recorder();
    const err = await settleFilterIds(ctx, refs, [
      { id: 'theme/5g', kind: 'PARTNER' },
      { id: 'region/guangdong', kind: 'REGION' },
    ]).catch((e: unknown) => e);
    expect(err).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'where.about' } });
    expect((err as Error).message).toMatch(/takes THEME ids; "theme\/5g" is a PARTNER/);
    expect(calls).toEqual([]);
  });

  it('an unknown id is NOT_FOUND with suggestions, looked up by ONE entity/check-ids for the unknown ids alone', async () => {
    const { calls, ctx } = recorder();
    const tibet = [{ argument: 'where.locatedIn', id: 'region/tibet', kind: null }, ...refs.slice(1)];
    const err = await settleFilterIds(ctx, tibet, [{ id: 'theme/5g', kind: 'THEME' }]).catch((e: unknown) => e);
    expect(err).toMatchObject({
      extensions: {
        code: 'NOT_FOUND',
        argument: 'where.locatedIn',
        ids: ['region/tibet'],
        unknown: [{ argument: 'where.locatedIn', id: 'region/tibet', suggestions: ['region/xizang'] }],
      },
    });
    expect((err as Error).message).toBe(
      'No entity has the id "region/tibet" (`where.locatedIn`). Did you mean region/xizang (西藏, Tibet)?',
    );
    expect(calls.map((c) => [c.name, (c.params.checks as { id: string }[]).map((x) => x.id)])).toEqual([
      ['entity/check-ids', ['region/tibet']],
    ]);
  });
});
