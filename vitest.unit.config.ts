import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

/**
 * The unit tier (`npm run test:unit`): pure logic only, no database and no global setup, so it runs in
 * seconds anywhere (it passes with NEO4J_URI pointing at a closed port). Everything that needs Neo4j stays
 * in the main suite (vitest.config.ts), which also runs these files.
 */
export default defineConfig({
  // As in vitest.config.ts: one graphql build (the CommonJS one Node loads), or graphql sees "another realm".
  resolve: { alias: { graphql: createRequire(import.meta.url).resolve('graphql') } },
  test: {
    include: ['test/unit/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
