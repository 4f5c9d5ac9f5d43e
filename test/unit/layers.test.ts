import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Every .ts file under a folder of the repository, as paths relative to the root. */
function tsFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f));
}

/** The repository paths a file imports (relative imports only; packages are not files of ours). */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g)].map(
    (m) => m[1] ?? m[2] ?? '',
  );
  return specs.filter((s) => s.startsWith('.')).map((s) => relative(ROOT, resolve(ROOT, dirname(file), s)));
}

describe('layers (the one-way flow of the README)', () => {
  it('finds the imports it checks (the scan itself works)', () => {
    expect(importsOf('src/server.ts')).toContain('seed/run.js');
    expect(importsOf('seed/build.ts')).toContain('src/model/index.js');
  });

  it('lets only src/server.ts, the composition root, import the seeder', () => {
    const importers = tsFiles('src').filter((f) => importsOf(f).some((i) => i.startsWith('seed/')));
    expect(importers).toEqual(['src/server.ts']);
  });

  it('keeps src/model free of every other module: it is the vocabulary both seed/ and src/ import', () => {
    for (const f of tsFiles('src/model')) for (const i of importsOf(f)) expect(i.startsWith('src/model/'), `${f} imports ${i}`).toBe(true);
  });
});
