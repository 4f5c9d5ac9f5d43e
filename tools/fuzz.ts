import { parseArgs } from 'node:util';
import { loadQueries } from '../src/db/cypher.js';
import { createDriver } from '../src/db/driver.js';
import { Db } from '../src/db/read.js';
import { DOCUMENTED_CODES } from '../src/errors.js';
import { schema } from '../src/schema/index.js';
import { createApp } from '../src/yoga.js';
import { connectionFields, loadPools, runCursorFuzz, runFuzz } from './fuzz-gen.js';
import { toolNeo4j } from './tool-neo4j.js';

const HELP = `Usage: npm run fuzz -- [--count N] [--cursors M] [--seed S] [--concurrency C] [--show K]

Generates N random, schema-valid GraphQL operations (seeded: the same seed gives the same operations)
from the real schema, with arguments of the right types including out-of-range integers, CJK and Lucene
strings and real ids from the graph, and runs them through the app (in-process) against a real Neo4j:
NEO4J_URI when set (read-only use), else a local Neo4j in a temporary folder, seeded. Prints how many
operations ended in each outcome ("ok" or an error code); exits 1 when any response is a 5xx, carries
an undocumented code or INTERNAL_SERVER_ERROR, printing the first K such operations to reproduce.
Then sends M random cursors as \`after\`/\`before\` to every connection in turn: a cursor the server made
must page, any other must be BAD_USER_INPUT naming the argument.

  --count N         operations (default 1000)
  --cursors M       cursors (default 500; 0: none)
  --seed S          PRNG seed (default 1)
  --concurrency C   operations in flight (default 4)
  --show K          failures to print (default 5)
  --help            this text`;

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '1000' },
    cursors: { type: 'string', default: '500' },
    seed: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '4' },
    show: { type: 'string', default: '5' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const count = Number(values.count);
const seedValue = Number(values.seed);
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(seedValue)) {
  console.error('--count must be a positive integer and --seed an integer.\n');
  console.error(HELP);
  process.exit(2);
}

const { uri, cleanup } = await toolNeo4j('fuzz');

const driver = createDriver({
  uri,
  user: process.env.NEO4J_USER || 'neo4j',
  password: process.env.NEO4J_PASSWORD || '',
  connectionTimeoutMs: 3_000,
});
const db = new Db(driver, loadQueries(), { database: process.env.NEO4J_DATABASE || 'neo4j', timeoutMs: 10_000 });
const app = createApp({ db, ready: true }, { graphiql: false });
const pools = await loadPools(app);
console.log(`fuzzing: ${count} operations, seed ${seedValue}, ${pools.ids.length} ids from ${uri}`);
const report = await runFuzz(app, schema, pools, {
  count,
  seed: seedValue,
  concurrency: Number(values.concurrency),
  documented: DOCUMENTED_CODES,
});

const width = Math.max(...Object.keys(report.outcomes).map((k) => k.length));
for (const [outcome, n] of Object.entries(report.outcomes).sort((a, b) => b[1] - a[1])) console.log(`  ${outcome.padEnd(width)}  ${n}`);
console.log(`${report.count} operations in ${(report.ms / 1000).toFixed(1)} s; ${report.failures.length} failures`);
if (process.env.FUZZ_SHOW_CODE) {
  const again = await runFuzz(app, schema, pools, {
    count,
    seed: seedValue,
    concurrency: 1,
    documented: new Set([...DOCUMENTED_CODES].filter((c) => c !== process.env.FUZZ_SHOW_CODE)),
  });
  report.failures = again.failures;
}
for (const f of report.failures.slice(0, Number(values.show))) {
  console.log(
    `\n#${f.index} (HTTP ${f.status})\n${f.operation.query}\nvariables: ${JSON.stringify(f.operation.variables)}\n-> ${f.response}`,
  );
}
const cursors = await runCursorFuzz(app, connectionFields(schema, pools.ids[0] ?? 'partner/meituan'), {
  count: Number(values.cursors),
  seed: seedValue,
});
console.log(`\ncursors: ${JSON.stringify(cursors.outcomes)}; ${cursors.failures.length} failures`);
for (const f of cursors.failures.slice(0, Number(values.show))) console.log(JSON.stringify(f));
await driver.close();
await cleanup();
process.exit(report.failures.length + cursors.failures.length > 0 ? 1 : 0);
