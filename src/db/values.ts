import neo4j from 'neo4j-driver';

/**
 * The one boundary where Neo4j values become plain JS: integers to numbers, temporals to ISO strings,
 * nodes and relationships to their properties, null for missing. Resolvers never see driver types.
 *
 * It runs on every value of every row (a 1,000-node neighbourhood is ~20,000 values), on the event loop
 * every other request waits for, so it copies nothing that is already plain: a map or list whose values
 * need no conversion (strings, numbers, lists of strings: nearly every row) is returned as it is, and only
 * the path down to a value that changes is copied. The driver's rows are never modified.
 */
export function toPlain(value: unknown): unknown {
  if (value === undefined) return null;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return plainList(value);
  const proto = Object.getPrototypeOf(value);
  // Maps from Bolt and Record.toObject() are object literals.
  if (proto === Object.prototype || proto === null) return plainMap(value as Record<string, unknown>);
  return driverValue(value);
}

function plainList(list: unknown[]): unknown[] {
  let copy: unknown[] | undefined;
  for (let i = 0; i < list.length; i++) {
    const x = list[i];
    const y = toPlain(x);
    if (copy) copy.push(y);
    else if (y !== x) {
      copy = list.slice(0, i);
      copy.push(y);
    }
  }
  return copy ?? list;
}

function plainMap(map: Record<string, unknown>): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const key in map) {
    if (!Object.hasOwn(map, key)) continue;
    const x = map[key];
    const y = toPlain(x);
    if (y !== x) copy ??= { ...map };
    if (copy) copy[key] = y;
  }
  return copy ?? map;
}

/** Class instances of the driver: integers (when lossless), temporals, nodes and relationships, points. */
function driverValue(value: object): unknown {
  if (neo4j.isInt(value)) return (value as { toNumber(): number }).toNumber();
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
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(value)) out[k] = toPlain(x);
  return out;
}
