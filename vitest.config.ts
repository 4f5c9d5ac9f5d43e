import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // One Neo4j (and its first seed) per run: generous, since a first run also builds the launcher.
    hookTimeout: 300_000,
    testTimeout: 60_000,
    // Two cores: more workers only queue on the one database.
    maxWorkers: 2,
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
