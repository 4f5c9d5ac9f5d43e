import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { toPlain } from '../../src/db/values.js';

describe('toPlain (src/db/values.ts)', () => {
  it('converts integers, temporals, nodes and relationships, and missing values, at any depth', () => {
    const node = new neo4j.types.Node(neo4j.int(1), ['Entity'], { id: 'partner/meituan', mentions: neo4j.int(3) }, 'e1');
    const rel = new neo4j.types.Relationship(neo4j.int(2), neo4j.int(1), neo4j.int(3), 'PARTNERS_WITH', { year: neo4j.int(2020) });
    const row = {
      n: neo4j.int(42),
      date: new neo4j.types.Date(2020, 12, 31),
      node,
      rel,
      nested: { list: [neo4j.int(1), 'a', { deep: neo4j.int(2), gone: undefined }] },
    };
    expect(toPlain(row)).toEqual({
      n: 42,
      date: '2020-12-31',
      node: { id: 'partner/meituan', mentions: 3 },
      rel: { year: 2020 },
      nested: { list: [1, 'a', { deep: 2, gone: null }] },
    });
    expect(toPlain(undefined)).toBeNull();
  });

  it('returns rows that are already plain as they are, and never modifies the driver’s row', () => {
    const entity = { id: 'partner/meituan', nameZh: '美團', aliases: ['美团', 'Meituan'], year: 2020, footnote: null };
    expect(toPlain(entity)).toBe(entity);
    const list = [entity, entity];
    expect(toPlain(list)).toBe(list);

    const row = { entity, count: neo4j.int(7), tags: ['a', neo4j.int(1)] };
    const plain = toPlain(row) as typeof row;
    expect(plain).toEqual({ entity, count: 7, tags: ['a', 1] });
    expect(plain.entity).toBe(entity); // the unchanged part is shared, not copied
    expect(neo4j.isInt(row.count)).toBe(true); // the original keeps its driver values
    expect(neo4j.isInt(row.tags[1])).toBe(true);
  });

  it('never unwraps a plain map that merely has `properties` and `type` keys', () => {
    const map = { properties: { a: 1 }, type: 'x' };
    expect(toPlain(map)).toBe(map);
  });
});
