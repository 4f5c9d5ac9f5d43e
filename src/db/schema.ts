import type { Driver } from 'neo4j-driver';
import { CYPHER_DIR, readStatements } from './cypher.js';

/** Applies cypher/schema.cypher (constraints and indexes, all IF NOT EXISTS) and waits for the indexes. */
export async function applySchema(driver: Driver, database: string): Promise<number> {
  const statements = readStatements(`${CYPHER_DIR}schema.cypher`);
  for (const s of statements) await driver.executeQuery(s, {}, { database });
  await driver.executeQuery('CALL db.awaitIndexes(300)', {}, { database });
  return statements.length;
}
