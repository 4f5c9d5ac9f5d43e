import { readFileSync } from 'node:fs';
import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import { CYPHER_DIR } from '../src/db/cypher.js';
import { toPlain } from '../src/db/values.js';
import type { GraphRows } from './build.js';

export const SEED_QUERIES = [
  'reset',
  'sections',
  'lines',
  'sentences',
  'entities',
  'relations',
  'metric-values',
  'name-keys',
  'prune',
  'meta',
] as const;
type SeedQuery = (typeof SEED_QUERIES)[number];

function seedQueries(): Record<SeedQuery | 'counts', string> {
  const q = Object.fromEntries(SEED_QUERIES.map((n) => [n, readFileSync(`${CYPHER_DIR}seed/${n}.cypher`, 'utf8')]));
  // The seeder reports the same counts as the API's Query.stats.
  return { ...q, counts: readFileSync(`${CYPHER_DIR}graph/stats.cypher`, 'utf8') } as Record<SeedQuery | 'counts', string>;
}

export interface WriteOptions {
  database: string;
  /** Wipe the whole database first (inside the same transaction). */
  reset?: boolean;
  batchSize?: number;
  log?: (msg: string) => void;
  /** Test hook: runs inside the transaction after all writes, before commit. */
  beforeCommit?: (tx: ManagedTransaction) => Promise<void>;
}

export interface Counts {
  kinds: Record<string, number>;
  relations: Record<string, number>;
  nodes: Record<string, number>;
}

/** Properties that hold whole numbers: sent as Neo4j integers (a JS number would be stored as a float). */
const INTEGER_KEYS = new Set([
  'number',
  'line',
  'year',
  'rank',
  'level',
  'startLine',
  'endLine',
  'evidenceLines',
  'evidenceLineEnds',
  'evidenceLine',
  'evidenceLineEnd',
  'mentionLines',
  'lineStart',
  'lineEnd',
  'ordinal',
]);

function withIntegers(value: unknown, key = ''): unknown {
  if (typeof value === 'number' && INTEGER_KEYS.has(key) && Number.isInteger(value)) return neo4j.int(value);
  if (Array.isArray(value)) return value.map((v) => withIntegers(v, key));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withIntegers(v, k)]));
  return value;
}

function* batches<T>(rows: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

/**
 * Writes the whole graph in ONE transaction (MERGE in batches, then prune what the data no longer has),
 * so a failure leaves the previous graph exactly as it was.
 */
export async function writeGraph(driver: Driver, rows: GraphRows, opts: WriteOptions): Promise<Counts> {
  const q = seedQueries();
  const log = opts.log ?? (() => {});
  const size = opts.batchSize ?? 500;
  const session = driver.session({ database: opts.database });
  try {
    await session.executeWrite(
      async (tx) => {
        if (opts.reset) {
          await tx.run(q.reset);
          log('reset: removed the previous graph');
        }
        const steps: [string, SeedQuery, readonly unknown[]][] = [
          ['sections', 'sections', rows.sections],
          ['lines', 'lines', rows.lines],
          ['sentences', 'sentences', rows.sentences],
          ['entities', 'entities', rows.entities],
          ['relations', 'relations', rows.relations],
          ['metric values', 'metric-values', rows.metricValues],
          ['name keys', 'name-keys', rows.nameKeys],
        ];
        for (const [label, name, list] of steps) {
          let done = 0;
          for (const batch of batches(list, size)) {
            const res = await tx.run(q[name], { rows: withIntegers(batch) });
            if (name === 'relations') {
              const written = toPlain(res.records[0]?.get('written')) as number;
              if (written !== batch.length) throw new Error(`relations: wrote ${written} of ${batch.length}; an end is missing`);
            }
            done += batch.length;
            log(`${label}: ${done}/${list.length}`);
          }
        }
        await tx.run(q.prune, {
          entityIds: rows.entities.map((e) => e.id),
          relationIds: rows.relations.map((r) => r.id),
          valueIds: rows.metricValues.map((v) => v.id),
          nameKeyIds: rows.nameKeys.map((k) => k.id),
          sentenceIds: rows.sentences.map((s) => s.id),
        });
        const counts = await readCounts(tx, q.counts);
        await tx.run(q.meta, { version: rows.version, counts: JSON.stringify(counts) });
        await opts.beforeCommit?.(tx);
      },
      { timeout: 300_000 },
    );
  } finally {
    await session.close();
  }
  const verify = driver.session({ database: opts.database });
  try {
    return await verify.executeRead((tx) => readCounts(tx, q.counts));
  } finally {
    await verify.close();
  }
}

async function readCounts(tx: ManagedTransaction, text: string): Promise<Counts> {
  const res = await tx.run(text);
  const counts: Counts = { kinds: {}, relations: {}, nodes: {} };
  for (const r of res.records) {
    const what = r.get('what') as string;
    const bucket = what === 'kind' ? counts.kinds : what === 'relation' ? counts.relations : counts.nodes;
    bucket[r.get('name') as string] = toPlain(r.get('count')) as number;
  }
  return counts;
}
