import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Node (and so Pothos and graphql-yoga) loads graphql's CommonJS build; without this alias Vite would
  // hand test files the .mjs build, and graphql refuses types from "another realm".
  resolve: { alias: { graphql: createRequire(import.meta.url).resolve('graphql') } },
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
