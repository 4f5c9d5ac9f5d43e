import { ENTITY_KINDS, type EntityKind } from '../seed/schema.js';

export { ENTITY_KINDS, type EntityKind };

/** GraphQL object type of each kind: PARTNER → Partner (also its Neo4j label). */
export const typeNameOfKind = (kind: string): string => kind.charAt(0) + kind.slice(1).toLowerCase();

const KIND_BY_PREFIX = new Map(ENTITY_KINDS.map((k) => [k.toLowerCase(), k]));

/** The kind an id names by its prefix ("partner/meituan" → PARTNER), or undefined for a foreign id. */
export function kindOfId(id: string): EntityKind | undefined {
  const slash = id.indexOf('/');
  return slash > 0 ? KIND_BY_PREFIX.get(id.slice(0, slash)) : undefined;
}
