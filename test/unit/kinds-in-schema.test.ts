import { isEnumType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ENTITY_KINDS, KINDS, RELATION_TYPES } from '../../src/model/index.js';
import { schema } from '../../src/schema/index.js';

// A kind added to src/model but forgotten in the schema used to fail only at run time (resolveType named a
// type that did not exist); these checks make it fail here, with the kind named.
describe('the GraphQL schema covers the model (src/model ↔ src/schema)', () => {
  it('has an object type implementing Entity for every kind, described as KINDS says', () => {
    const entity = schema.getType('Entity');
    for (const k of ENTITY_KINDS) {
      const type = schema.getType(KINDS[k].typeName);
      expect(isObjectType(type), `${k}: no object type ${KINDS[k].typeName}`).toBe(true);
      if (!isObjectType(type)) continue;
      expect(type.getInterfaces().map((i) => i.name)).toContain(entity?.name);
      expect(type.description, k).toBe(KINDS[k].typeDescription);
    }
  });

  it('has one EntityKind value per kind, described as KINDS says, and no other', () => {
    const type = schema.getType('EntityKind');
    if (!isEnumType(type)) throw new Error('EntityKind is not an enum');
    expect(type.getValues().map((v) => v.name)).toEqual([...ENTITY_KINDS]);
    for (const v of type.getValues()) expect(v.description, v.name).toBe(KINDS[v.name as keyof typeof KINDS].description);
  });

  it('has one RelationType value per relationship type the seeder writes', () => {
    const type = schema.getType('RelationType');
    if (!isEnumType(type)) throw new Error('RelationType is not an enum');
    expect(type.getValues().map((v) => v.name)).toEqual([...RELATION_TYPES]);
  });
});
