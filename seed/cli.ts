import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { connectNeo4j, waitForNeo4j } from '../src/db/connect.js';
import { DataError } from './data-files.js';
import { prepareGraph, seed } from './run.js';

const HELP = `Usage: npm run seed -- [--reset] [--check]

Loads the China Unicom 2020 CSR knowledge graph into Neo4j: validates seed/data/*.yaml and the tables
parsed from seed/source/ (nothing is written when anything is wrong), applies cypher/schema.cypher, and
MERGEs everything in one transaction (a failure leaves the previous graph untouched).

Options:
  --reset    wipe the whole database first (in the same transaction), then load
  --check    validate and build the graph in memory only; no database is touched
  -h, --help this text

Neo4j: NEO4J_URI (+ NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE) when set, otherwise the local Neo4j
Community in NEO4J_DATA_DIR (default .data/neo4j), started for the run and stopped after it.
Do not run it against the data folder of a running \`npm start\` (stop the server, or use its NEO4J_URI).`;

const { values } = parseArgs({
  options: { reset: { type: 'boolean' }, check: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}

const log = (msg: string) => console.log(`[seed] ${msg}`);
const started = Date.now();
try {
  if (values.check) {
    const rows = prepareGraph();
    log(
      `data is valid: ${rows.entities.length} entities, ${rows.relations.length} relations, ${rows.metricValues.length} metric values (version ${rows.version})`,
    );
    process.exit(0);
  }
  const config = loadConfig();
  const conn = await connectNeo4j(config, log);
  try {
    await waitForNeo4j(conn.driver, 60_000);
    const { counts, version } = await seed(conn.driver, { database: config.NEO4J_DATABASE, reset: values.reset, log });
    log(`entities by kind: ${JSON.stringify(counts.kinds)}`);
    log(`relations by type: ${JSON.stringify(counts.relations)}`);
    log(`other nodes: ${JSON.stringify(counts.nodes)}`);
    const total = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
    log(`done in ${Date.now() - started} ms: ${total(counts.kinds)} entities, ${total(counts.relations)} relations (version ${version})`);
  } finally {
    await conn.close();
  }
} catch (err) {
  if (err instanceof DataError) console.error(`[seed] ${err.message}\n[seed] nothing was written.`);
  else console.error(`[seed] failed: ${(err as Error).message}`);
  process.exit(1);
}
