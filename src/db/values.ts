import neo4j from 'neo4j-driver';

/**
 * The one boundary where Neo4j values become plain JS: integers to numbers, temporals to ISO strings,
 * nodes and maps to objects. Resolvers never see driver types.
 */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (neo4j.isInt(value)) return (value as { toNumber(): number }).toNumber();
  if (Array.isArray(value)) return value.map(toPlain);
  if (typeof value === 'object') {
    if (
      neo4j.isDate(value as never) ||
      neo4j.isDateTime(value as never) ||
      neo4j.isLocalDateTime(value as never) ||
      neo4j.isTime(value as never) ||
      neo4j.isLocalTime(value as never) ||
      neo4j.isDuration(value as never)
    )
      return String(value);
    const v = value as { properties?: Record<string, unknown>; labels?: unknown; type?: unknown };
    if (v.properties && (v.labels || v.type)) return toPlain(v.properties);
    return Object.fromEntries(Object.entries(value).map(([k, x]) => [k, toPlain(x)]));
  }
  return value;
}
