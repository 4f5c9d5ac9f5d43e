import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The Neo4j a tool (fuzz, soak) runs against: NEO4J_URI when set (used as it is), else a local Neo4j in a
 * temporary folder, seeded for the run and removed by `cleanup`.
 */
export async function toolNeo4j(tag: string): Promise<{ uri: string; cleanup: () => Promise<void> }> {
  const given = process.env.NEO4J_URI;
  if (given) return { uri: given, cleanup: async () => {} };
  const { startLocalNeo4j } = await import('../src/neo4j-local/index.js');
  const { createDriver } = await import('../src/db/driver.js');
  const { seed } = await import('../seed/run.js');
  const dataDir = mkdtempSync(join(tmpdir(), `unicom-kg-${tag}-`));
  console.log('starting a local Neo4j and seeding it ...');
  const local = await startLocalNeo4j({ dataDir });
  const driver = createDriver({ uri: local.uri, user: 'neo4j', password: '', connectionTimeoutMs: 5_000 });
  try {
    await seed(driver, { database: 'neo4j' });
  } finally {
    await driver.close();
  }
  return {
    uri: local.uri,
    cleanup: async () => {
      await local.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
