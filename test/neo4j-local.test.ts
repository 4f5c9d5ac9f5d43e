import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDriver } from '../src/db/driver.js';
import { applySchema } from '../src/db/schema.js';
import { javaMajorVersion, startLocalNeo4j } from '../src/neo4j-local/index.js';
import { alive, testDriver, testNeo4j } from './helpers.js';

describe('local Neo4j launcher', () => {
  it('finds Java 17 or later on this machine', () => {
    expect(javaMajorVersion()).toBeGreaterThanOrEqual(17);
  });

  it('starts Neo4j Community on a free port, answers Cypher over Bolt, and stops without leaving java behind', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'unicom-kg-launcher-'));
    try {
      const neo = await startLocalNeo4j({ dataDir });
      expect(neo.uri).toMatch(/^bolt:\/\/127\.0\.0\.1:\d+$/);
      expect(alive(neo.pid)).toBe(true);
      const driver = createDriver({ uri: neo.uri, user: 'neo4j', password: '', connectionTimeoutMs: 5_000 });
      const res = await driver.executeQuery(
        'CALL dbms.components() YIELD name, versions, edition RETURN name, versions[0] AS version, edition',
      );
      expect(res.records[0]?.get('edition')).toBe('community');
      expect(res.records[0]?.get('version')).toMatch(/^5\.26\./);
      await driver.close();
      await neo.stop();
      expect(alive(neo.pid)).toBe(false);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 240_000);
});

describe('cypher/schema.cypher', () => {
  const driver = testDriver();
  afterAll(() => driver.close());

  it('applies twice without error and creates the cjk full-text index', async () => {
    const { database } = testNeo4j();
    const n = await applySchema(driver, database);
    expect(await applySchema(driver, database)).toBe(n);
    const res = await driver.executeQuery(
      "SHOW FULLTEXT INDEXES YIELD name, options WHERE name = 'entity_names' RETURN options.indexConfig AS config",
      {},
      { database },
    );
    const config = res.records[0]?.get('config') as Record<string, unknown>;
    expect(config['fulltext.analyzer']).toBe('cjk');
    expect(config['fulltext.eventually_consistent']).toBe(false);
  });
});
