import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RECORD_PROPERTIES, SLIM_PROPERTIES } from '../model/index.js';

export const CYPHER_DIR = fileURLToPath(new URL('../../cypher/', import.meta.url));

/**
 * Every named Cypher statement the API runs, one file each under cypher/. The list is checked against
 * the folder at start-up (a missing file fails start-up, not a request) and by a test (no stray files).
 */
export const QUERY_NAMES = [
  'entity/by-ids',
  'entity/check-ids',
  'translate/by-ids',
  'translate/by-name',
  'translate/list',
  'translate/count',
  'translate/aggregate',
  'translate/aggregate-one',
  'translate/metric-list',
  'metric/value-stats',
  'entity/degree',
  'relation/by-entity-ids',
  'relation/neighbours',
  'mention/by-entity-ids',
  'search/names',
  'search/contains',
  'metric/values-by-ids',
  'metric/count',
  'graph/neighborhood',
  'graph/paths',
  'graph/paths-filtered',
  'graph/hubs',
  'graph/stats',
  'meta/graph-version',
  'meta/ping',
  'export/entities',
  'export/relations',
  'export/metric-values',
  'line/by-numbers',
  'line/phrase',
  'line/words',
  'sentence/by-ids',
  'sentence/list',
  'sentence/search',
  'line/entities',
  'theme/partners',
] as const;
export type QueryName = (typeof QUERY_NAMES)[number];

export type Queries = ReadonlyMap<QueryName, string>;

const SLIM = SLIM_PROPERTIES.map((p) => `.${p}`).join(', ');
const RECORD = RECORD_PROPERTIES.map((p) => `.${p}`).join(', ');

/**
 * Expands the macros of cypher/ files: `{{slim:x}}`, the slim record of the entity bound to x (its names and
 * scalar fields, src/model SLIM_PROPERTIES), and `{{record:x}}`, its whole record (RECORD_PROPERTIES: the
 * slim one and the evidence lists), so those lists are written once, not in every file. Done once at load
 * time; the per-request slots of cypher/translate/ (`{{n}}` ...) are left alone.
 */
export function expandMacros(text: string): string {
  return text
    .replace(/\{\{slim:(\w+)\}\}/g, (_m, v: string) => `${v} {${SLIM}}`)
    .replace(/\{\{record:(\w+)\}\}/g, (_m, v: string) => `${v} {${RECORD}}`);
}

/**
 * The text sent to Neo4j: the file's first line cut to `// <name>` (still naming the statement in
 * SHOW TRANSACTIONS and the query log), every other whole-line comment dropped, indentation trimmed.
 * Every request sends its statement's text over Bolt, and the driver flushes a socket write per 1,400
 * bytes: the long explanatory comments belong in the file, not on the wire (a third of some statements).
 * Only whole lines starting with `//` go: a `//` inside a string literal is never at a line's start here.
 */
export function compact(text: string, name: string): string {
  const [, ...rest] = text.split('\n');
  const lines = rest.map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('//'));
  return [`// ${name}`, ...lines].join('\n');
}

/** Reads every statement in QUERY_NAMES; throws listing each missing or empty file. */
export function loadQueries(dir = CYPHER_DIR): Queries {
  const map = new Map<QueryName, string>();
  const missing: string[] = [];
  for (const name of QUERY_NAMES) {
    try {
      const text = expandMacros(readFileSync(`${dir}${name}.cypher`, 'utf8').trim());
      if (!text) missing.push(`${name}.cypher (empty)`);
      else map.set(name, compact(text, name));
    } catch {
      missing.push(`${name}.cypher`);
    }
  }
  if (missing.length > 0) throw new Error(`Missing Cypher files in ${dir}: ${missing.join(', ')}`);
  return map;
}

/** The statements of a multi-statement file such as cypher/schema.cypher, split on `;` at line ends. */
export function readStatements(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split(/;\s*$/m)
    .map((s) =>
      s
        .split('\n')
        .filter((l) => !l.trim().startsWith('//'))
        .join('\n')
        .trim(),
    )
    .filter(Boolean);
}
