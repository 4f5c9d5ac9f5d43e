import type { Driver } from 'neo4j-driver';
import type { Config } from '../config.js';
import { Neo4jSupervisor } from '../neo4j-local/supervisor.js';
import { createDriver } from './driver.js';

export interface Neo4jConnection {
  driver: Driver;
  uri: string;
  /** The supervisor of the Neo4j this process started, when no NEO4J_URI was given. */
  local?: Neo4jSupervisor;
  /** Closes the driver and stops the local Neo4j, if any (SIGKILL after `graceMs`). */
  close(graceMs?: number): Promise<void>;
}

/** NEO4J_URI when set, otherwise a local Neo4j Community that this process starts and owns. */
export async function connectNeo4j(
  config: Pick<
    Config,
    | 'NEO4J_URI'
    | 'NEO4J_USER'
    | 'NEO4J_PASSWORD'
    | 'NEO4J_DATA_DIR'
    | 'NEO4J_HEAP'
    | 'NEO4J_PAGECACHE_MB'
    | 'NEO4J_START_TIMEOUT_MS'
    | 'CONNECTION_TIMEOUT_MS'
  >,
  log: (msg: string) => void = () => {},
): Promise<Neo4jConnection> {
  let local: Neo4jSupervisor | undefined;
  let uri = config.NEO4J_URI;
  if (!uri) {
    local = new Neo4jSupervisor(
      {
        dataDir: config.NEO4J_DATA_DIR,
        heap: config.NEO4J_HEAP,
        pagecacheMb: config.NEO4J_PAGECACHE_MB,
        startTimeoutMs: config.NEO4J_START_TIMEOUT_MS,
        log,
      },
      log,
    );
    uri = (await local.start()).uri;
  }
  const driver = createDriver({
    uri,
    user: config.NEO4J_USER,
    password: local ? '' : config.NEO4J_PASSWORD,
    connectionTimeoutMs: config.CONNECTION_TIMEOUT_MS,
  });
  return {
    driver,
    uri,
    local,
    async close(graceMs?: number) {
      await driver.close();
      await local?.stop(graceMs);
    },
  };
}

/** Waits until Neo4j answers (a container may still be starting); throws after `timeoutMs`. */
export async function waitForNeo4j(driver: Driver, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await driver.verifyConnectivity();
      return;
    } catch (err) {
      if (Date.now() > deadline)
        throw new Error(
          `Neo4j did not answer within ${timeoutMs} ms: ${(err as Error).message}. Check NEO4J_URI and that Neo4j is running.`,
        );
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
