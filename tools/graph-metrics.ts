import { parseArgs } from 'node:util';
import { loadQueries } from '../src/db/cypher.js';
import { createDriver } from '../src/db/driver.js';
import { Db } from '../src/db/read.js';
import { formatMetrics, graphMetrics, TARGETS } from './lib/graph-metrics.js';
import { toolNeo4j } from './tool-neo4j.js';

const HELP = `Usage: npx tsx tools/graph-metrics.ts [--json] [--list]

Computes the figures of issue 12 from the database, so that they are reproducible:
  - entities resolvable by their printed name through the API's look-up rule (target 100 %)
  - without Company and Metric nodes: the share of entities in the largest connected component
    (target >= 80 %) and the number of single entities (target <= 60: TARGETS in tools/lib/graph-metrics.ts says why)
  - partners with a relationship of their own to a program, product, event, publication or theme,
    i.e. not only through a Company (target >= 90 %)
  - the number of themes and of entities ABOUT them
Exits 1 when a target is missed.

Options:
  --json     print the figures as JSON
  --list     also list the entities that miss (unresolvable names, unlinked partners)
  -h, --help this text

Neo4j: NEO4J_URI (+ NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE) when set; otherwise a local Neo4j is
started in a temporary folder, seeded, measured and removed.`;

const { values } = parseArgs({
  options: { json: { type: 'boolean' }, list: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}

const neo = await toolNeo4j('graph-metrics');
const driver = createDriver({
  uri: neo.uri,
  user: process.env.NEO4J_USER || 'neo4j',
  password: process.env.NEO4J_PASSWORD || '',
  connectionTimeoutMs: 5_000,
});
let failed = false;
try {
  const db = new Db(driver, loadQueries(), { database: process.env.NEO4J_DATABASE || 'neo4j', timeoutMs: 60_000 });
  const m = await graphMetrics(db);
  if (values.json) console.log(JSON.stringify(m, null, 2));
  else {
    for (const line of formatMetrics(m)) console.log(line);
    if (values.list) {
      console.log(`unresolvable: ${m.unresolvable.join(', ') || '-'}`);
      console.log(`unlinked partners: ${m.partnersUnlinked.join(', ') || '-'}`);
    }
  }
  failed =
    m.resolvable / m.entities < TARGETS.resolvableShare ||
    m.largestComponent / m.componentEntities < TARGETS.largestComponentShare ||
    m.singles > TARGETS.maxSingles ||
    m.partnersLinked / m.partners < TARGETS.partnersLinkedShare;
} finally {
  await driver.close();
  await neo.cleanup();
}
process.exit(failed ? 1 : 0);
