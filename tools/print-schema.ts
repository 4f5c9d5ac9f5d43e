import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { printSchema } from 'graphql';
import { schema } from '../src/schema/index.js';

export const SCHEMA_FILE = fileURLToPath(new URL('../schema.graphql', import.meta.url));

/** The SDL as committed: the printed schema with a trailing newline. */
export const printedSchema = (): string => `${printSchema(schema)}\n`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log(
      'Usage: npm run schema:print\n\nWrites the GraphQL schema (SDL) to schema.graphql; commit it so API changes show in review.',
    );
    process.exit(0);
  }
  writeFileSync(SCHEMA_FILE, printedSchema());
  console.log(`wrote ${SCHEMA_FILE}`);
}
