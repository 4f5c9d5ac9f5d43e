#!/usr/bin/env node
// Second half of `npm run build` (after `tsc -p tsconfig.build.json`): copies next to the compiled code
// the files it reads at run time through `new URL('../../x/', import.meta.url)` paths, so that
// dist/src/db/cypher.js finds dist/cypher/ exactly as src/db/cypher.ts finds cypher/, and writes the
// entry point dist/server.js. Usage: node tools/docker/dist-assets.mjs [--help]
import { cpSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(`Usage: node tools/docker/dist-assets.mjs

Run by \`npm run build\` after tsc. Copies cypher/, public/, seed/data/, seed/rules/ and seed/source/ into dist/ (the
compiled code resolves them relative to itself) and writes dist/server.js, which starts dist/src/server.js.`);
  process.exit(0);
}

const root = fileURLToPath(new URL('../../', import.meta.url));
const dist = `${root}dist/`;
if (!existsSync(`${dist}src/server.js`)) {
  console.error(`dist-assets: ${dist}src/server.js is missing; run \`npm run build\` (tsc first, then this script).`);
  process.exit(1);
}
for (const dir of ['cypher', 'public', 'seed/data', 'seed/rules', 'seed/source']) {
  rmSync(`${dist}${dir}`, { recursive: true, force: true });
  cpSync(`${root}${dir}`, `${dist}${dir}`, { recursive: true });
}
writeFileSync(
  `${dist}server.js`,
  "// Entry point of the production build (`node dist/server.js`); written by tools/docker/dist-assets.mjs.\nimport './src/server.js';\n",
);
console.log('dist-assets: copied cypher/, public/, seed/data/, seed/rules/, seed/source/ and wrote dist/server.js');
