import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { seed } from '../seed/run.js';
import { waitForNeo4j } from '../src/db/connect.js';
import { createDriver } from '../src/db/driver.js';
import { startLocalNeo4j } from '../src/neo4j-local/index.js';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: { uri: string; user: string; password: string; database: string; source: string };
  }
}

/** True when a Docker engine answers (the CLI alone is not enough). */
async function dockerAnswers(): Promise<boolean> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    const probe = getContainerRuntimeClient().then(() => true);
    const timeout = new Promise<boolean>((r) => setTimeout(() => r(false), 10_000).unref());
    return await Promise.race([probe, timeout]);
  } catch {
    return false;
  }
}

/**
 * One Neo4j for the whole run, seeded once: NEO4J_URI when set (it is RESET: point it at a throw-away
 * database), else a testcontainers Neo4j when a Docker engine answers, else the project's own local
 * Neo4j in a temporary folder.
 */
export default async function setup(project: TestProject) {
  const database = process.env.NEO4J_DATABASE || 'neo4j';
  let uri: string;
  let user = process.env.NEO4J_USER || 'neo4j';
  let password = process.env.NEO4J_PASSWORD || '';
  let source: string;
  let stop: () => Promise<void>;

  if (process.env.NEO4J_URI) {
    uri = process.env.NEO4J_URI;
    source = 'NEO4J_URI';
    stop = async () => {};
  } else if (process.env.TEST_NEO4J !== 'local' && (await dockerAnswers())) {
    const { Neo4jContainer } = await import('@testcontainers/neo4j');
    const container = await new Neo4jContainer('neo4j:5.26-community').start();
    uri = container.getBoltUri();
    user = container.getUsername();
    password = container.getPassword();
    source = 'testcontainers';
    stop = async () => {
      await container.stop();
    };
  } else {
    const dataDir = mkdtempSync(join(tmpdir(), 'unicom-kg-test-'));
    const local = await startLocalNeo4j({ dataDir, log: (m) => console.log(`[neo4j] ${m}`) });
    uri = local.uri;
    source = 'local launcher';
    stop = async () => {
      await local.stop();
      rmSync(dataDir, { recursive: true, force: true });
    };
  }
  console.log(`[test] Neo4j from ${source} at ${uri}`);

  const driver = createDriver({ uri, user, password, connectionTimeoutMs: 5_000 });
  try {
    await waitForNeo4j(driver, 120_000);
    const started = Date.now();
    await seed(driver, { database, reset: true });
    console.log(`[test] seeded in ${Date.now() - started} ms`);
  } finally {
    await driver.close();
  }
  project.provide('neo4j', { uri, user, password, database, source });
  return stop;
}
