import { pino } from 'pino';
import { seed } from '../seed/run.js';
import { loadConfig } from './config.js';
import { connectNeo4j, type Neo4jConnection, waitForNeo4j } from './db/connect.js';
import { loadQueries } from './db/cypher.js';
import { Db } from './db/read.js';
import { applySchema } from './db/schema.js';
import { ERROR_CODES, type ErrorCode } from './errors.js';
import { readGraphVersion } from './graph-version.js';
import { type CutAnswer, collectWhenIdle, createHttpServer, trackRequests } from './process.js';
import { type AppState, createApp } from './yoga.js';

const HELP = `Usage: npm start

Starts the unicom-kg GraphQL server: gets a Neo4j (NEO4J_URI, or a local Neo4j Community started from
Maven Central jars), applies cypher/schema.cypher, seeds the graph when the database has none, and serves
GraphiQL at http://HOST:PORT/graphql, liveness at /health and readiness at /ready.
Configuration is by environment variable; see the README's configuration table.`;

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(HELP);
  process.exit(0);
}

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
const log = pino({ level: config.LOG_LEVEL, base: { service: 'unicom-kg' } });

/** Runs one start-up step and logs it with its duration. */
async function step<T>(name: string, fn: () => Promise<T> | T): Promise<T> {
  const started = performance.now();
  const result = await fn();
  log.info({ step: name, ms: Math.round(performance.now() - started) }, name);
  return result;
}

const state: AppState = { ready: false };
const app = createApp(state, {
  corsOrigin: config.CORS_ORIGIN,
  responseCache:
    config.RESPONSE_CACHE === 'on'
      ? { ttlSeconds: config.RESPONSE_CACHE_TTL_S, maxBytes: config.RESPONSE_CACHE_MB * 1024 * 1024 }
      : undefined,
  caches: { documentBytes: config.DOCUMENT_CACHE_MB * 1024 * 1024, nameBytes: config.NAME_CACHE_MB * 1024 * 1024 },
  security: {
    maxDepth: config.MAX_DEPTH,
    maxComplexity: config.MAX_COMPLEXITY,
    maxAliases: config.MAX_ALIASES,
    maxTokens: config.MAX_TOKENS,
    maxDirectives: config.MAX_DIRECTIVES,
    maxBodyBytes: config.MAX_BODY_BYTES,
    maxVariablesDepth: config.MAX_VARIABLES_DEPTH,
    maxVariablesValues: config.MAX_VARIABLES_VALUES,
    introspection: config.INTROSPECTION,
    heavyRequestCost: config.HEAVY_REQUEST_COST,
    maxHeavyRequests: config.MAX_HEAVY_REQUESTS,
    admissionWaitMs: config.ADMISSION_WAIT_MS,
  },
  newShapesPerMinute: config.MAX_NEW_SHAPES_PER_MINUTE,
  budget: {
    maxStatements: config.MAX_REQUEST_STATEMENTS,
    maxDbMs: config.MAX_REQUEST_DB_MS,
    deadlineMs: config.REQUEST_DEADLINE_MS ?? config.QUERY_TIMEOUT_MS + 1_000,
  },
  logger: log,
});
const http = createHttpServer(app, {
  requestTimeoutMs: config.HTTP_REQUEST_TIMEOUT_MS,
  headersTimeoutMs: config.HTTP_HEADERS_TIMEOUT_MS,
  maxConnectionsPerClient: config.MAX_CONNECTIONS_PER_CLIENT,
});
const requests = trackRequests(http);
if (config.IDLE_GC_MS > 0) collectWhenIdle(http, config.IDLE_GC_MS);
state.requestsInFlight = requests.inFlight;
let conn: Neo4jConnection | undefined;
let shuttingDown = false;

/** The answer of a request still running when SHUTDOWN_GRACE_MS has passed: GraphQL-shaped on /graphql. */
function cutAnswer(req: { url?: string }): CutAnswer {
  const message = `The server is stopping and this request did not finish within the ${config.SHUTDOWN_GRACE_MS} ms it allows (SHUTDOWN_GRACE_MS). Retry it: another instance, or this one once restarted, answers.`;
  const error = { message, extensions: { code: 'SHUTTING_DOWN' satisfies ErrorCode } };
  const body = (req.url ?? '').startsWith('/graphql') ? { errors: [error] } : { error: { code: error.extensions.code, message } };
  return {
    status: ERROR_CODES.SHUTTING_DOWN,
    headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': '5' },
    body: `${JSON.stringify(body)}\n`,
  };
}

/**
 * Stops gracefully: /ready turns 503 and no new connection is accepted; requests in flight get SHUTDOWN_GRACE_MS
 * to finish (those still running then are answered 503 SHUTTING_DOWN); then Neo4j is stopped.
 */
async function shutdown(signal: string): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  log.info({ signal, requestsInFlight: requests.inFlight() }, 'shutting down');
  state.stopping = true;
  const drained = await requests.drain(config.SHUTDOWN_GRACE_MS, cutAnswer);
  log.info(drained, 'requests drained');
  state.ready = false;
  // Process managers give ~10-15 s between SIGTERM and SIGKILL: Neo4j gets 8 of them to stop cleanly.
  await conn?.close(8_000);
  log.info('stopped');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGHUP', () => void shutdown('SIGHUP'));
// No watch on the parent process: a server started by nohup, setsid or a double-forking init script is
// re-parented and must keep serving. `npm start` execs node, so npm's own SIGTERM/SIGINT reach it here.

async function main(): Promise<void> {
  const queries = await step('load cypher', () => loadQueries());
  await step('listen', () => {
    return new Promise<void>((resolve, reject) => {
      http.once('error', (err: NodeJS.ErrnoException) =>
        reject(
          err.code === 'EADDRINUSE'
            ? new Error(
                `Port ${config.PORT} on ${config.HOST} is in use (another unicom-kg?). Stop that process or set PORT to a free port.`,
              )
            : err,
        ),
      );
      http.listen(config.PORT, config.HOST, resolve);
    });
  });
  conn = await step(config.NEO4J_URI ? 'connect neo4j' : 'start local neo4j', () => connectNeo4j(config, (msg) => log.info(msg)));
  const local = conn.local;
  if (local) state.supervisor = () => local.state();
  const driver = conn.driver;
  await step('neo4j answers', () => waitForNeo4j(driver, 120_000));
  await step('apply schema', () => applySchema(driver, config.NEO4J_DATABASE));
  const db = new Db(driver, queries, {
    database: config.NEO4J_DATABASE,
    timeoutMs: config.QUERY_TIMEOUT_MS,
    heavySlots: config.MAX_HEAVY_STATEMENTS,
    admissionWaitMs: config.ADMISSION_WAIT_MS,
  });
  const version = (await readGraphVersion(db))?.version ?? null;
  if (config.SEED_ON_START === 'always' || (config.SEED_ON_START === 'auto' && version === null)) {
    await step('seed', async () => {
      const { counts } = await seed(driver, { database: config.NEO4J_DATABASE, log: (msg) => log.debug(msg) });
      log.info({ kinds: counts.kinds, relations: counts.relations }, 'seeded');
    });
  } else log.info({ version }, 'graph already seeded');
  state.db = db;
  state.ping = async () => {
    await state.db?.read('meta/ping');
  };
  state.ready = true;
  const host = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
  log.info({ url: `http://${host}:${config.PORT}/graphql` }, `ready: open http://${host}:${config.PORT}/graphql`);
}

main().catch(async (err: Error) => {
  log.error(err.message);
  await conn?.close().catch(() => {});
  process.exit(1);
});
