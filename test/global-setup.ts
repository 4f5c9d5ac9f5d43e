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

/** The Neo4j image testcontainers runs: NEO4J_IMAGE (e.g. the local build of tools/docker/build-images.sh), else the official one. */
const NEO4J_IMAGE = process.env.NEO4J_IMAGE || 'neo4j:5.26-community';
/** testcontainers 11.14's Ryuk (the reaper that removes containers of crashed runs), as it names it. */
const RYUK_IMAGE = process.env.RYUK_CONTAINER_IMAGE || 'testcontainers/ryuk:0.14.0';

/**
 * Where the tests' Neo4j comes from, by TEST_NEO4J: `auto` (default) tries testcontainers when a Docker engine
 * answers and falls back to the local launcher, saying why, when no container starts; `testcontainers` insists
 * (its failure fails the run); `local` never asks Docker.
 */
function neo4jChoice(): 'auto' | 'local' | 'testcontainers' {
  const v = (process.env.TEST_NEO4J || 'auto').trim().toLowerCase();
  if (v === 'auto' || v === 'local' || v === 'testcontainers') return v;
  throw new Error(`TEST_NEO4J is "${process.env.TEST_NEO4J}"; use auto (the default), local or testcontainers.`);
}

async function startTestcontainer(): Promise<{ uri: string; user: string; password: string; stop: () => Promise<void> }> {
  if (process.env.TESTCONTAINERS_RYUK_DISABLED === undefined) {
    const { getContainerRuntimeClient, ImageName } = await import('testcontainers');
    const client = await getContainerRuntimeClient();
    if (!(await client.image.exists(ImageName.fromString(RYUK_IMAGE)))) {
      // No registry to pull it from: without Ryuk, stop() below is what removes the container.
      console.log(`[test] ${RYUK_IMAGE} is not present: running with TESTCONTAINERS_RYUK_DISABLED=true`);
      process.env.TESTCONTAINERS_RYUK_DISABLED = 'true';
    }
  }
  const { Neo4jContainer } = await import('@testcontainers/neo4j');
  const container = await new Neo4jContainer(NEO4J_IMAGE).start();
  return {
    uri: container.getBoltUri(),
    user: container.getUsername(),
    password: container.getPassword(),
    stop: async () => {
      await container.stop();
    },
  };
}

async function startLocal(): Promise<{ uri: string; stop: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'unicom-kg-test-'));
  // Up to 4 of the 5-minute hook timeout: on a busy 2-core machine a JVM start alone can pass the default 2 minutes.
  const local = await startLocalNeo4j({ dataDir, startTimeoutMs: 240_000, log: (m) => console.log(`[neo4j] ${m}`) });
  return {
    uri: local.uri,
    stop: async () => {
      await local.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * One Neo4j for the whole run, seeded once: NEO4J_URI when set (it is RESET: point it at a throw-away
 * database), else by TEST_NEO4J (see neo4jChoice): a testcontainers Neo4j (image NEO4J_IMAGE) or the
 * project's own local Neo4j in a temporary folder.
 */
export default async function setup(project: TestProject) {
  // Reach containers through loopback (Docker publishes their ports on every interface), not through the
  // bridge address testcontainers would pick: test traffic stays on 127.0.0.1.
  process.env.TESTCONTAINERS_HOST_OVERRIDE ||= '127.0.0.1';
  const database = process.env.NEO4J_DATABASE || 'neo4j';
  let uri: string;
  let user = process.env.NEO4J_USER || 'neo4j';
  let password = process.env.NEO4J_PASSWORD || '';
  let source: string;
  let stop: () => Promise<void>;

  const choice = neo4jChoice();
  let container: Awaited<ReturnType<typeof startTestcontainer>> | undefined;
  if (process.env.NEO4J_URI) {
    uri = process.env.NEO4J_URI;
    source = 'NEO4J_URI';
    stop = async () => {};
  } else {
    if (choice === 'testcontainers') {
      container = await startTestcontainer().catch((err: Error) => {
        throw new Error(`TEST_NEO4J=testcontainers, but the ${NEO4J_IMAGE} container did not start: ${err.message}`);
      });
    } else if (choice === 'auto') {
      if (!(await dockerAnswers())) console.log('[test] no Docker engine answers (TEST_NEO4J=auto): local launcher');
      else {
        try {
          container = await startTestcontainer();
        } catch (err) {
          console.log(
            `[test] a Docker engine answers, but the ${NEO4J_IMAGE} container did not start (${(err as Error).message.split('\n')[0]}); ` +
              'using the local launcher instead. Build a local image with tools/docker/build-images.sh and set NEO4J_IMAGE, or set TEST_NEO4J=local.',
          );
        }
      }
    }
    if (container) {
      ({ uri, user, password, stop } = container);
      source = 'testcontainers';
    } else {
      ({ uri, stop } = await startLocal());
      source = 'local launcher';
    }
  }
  console.log(`[test] Neo4j from ${source}${container ? ` (${NEO4J_IMAGE})` : ''} at ${uri}`);

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
