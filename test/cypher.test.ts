import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEED_QUERIES } from '../seed/write.js';
import { CYPHER_DIR, compact, loadQueries, QUERY_NAMES } from '../src/db/cypher.js';
import { RECORD_PROPERTIES } from '../src/model/index.js';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.cypher') ? [relative(CYPHER_DIR, p).replace(/\.cypher$/, '')] : [];
  });
}

describe('cypher/', () => {
  it('holds exactly the statements the API and the seeder name: a missing file fails start-up, a stray one this test', () => {
    const named = new Set<string>([...QUERY_NAMES, ...SEED_QUERIES.map((q) => `seed/${q}`), 'schema']);
    expect(files(CYPHER_DIR).sort()).toEqual([...named].sort());
    expect(loadQueries().size).toBe(QUERY_NAMES.length);
  });

  it('starts every statement with a comment naming it and saying what it returns, and never splices text into Cypher', () => {
    for (const name of files(CYPHER_DIR)) {
      const text = readFileSync(join(CYPHER_DIR, `${name}.cypher`), 'utf8');
      expect(text.split('\n')[0], name).toMatch(new RegExp(`^// ${name.replace('/', '\\/')}: `));
      // Parameters only: no template placeholders or string concatenation markers.
      expect(text, name).not.toMatch(/\$\{|\+\s*'|'\s*\+/);
    }
  });

  it('writes the slim record once: {{slim:x}} expands at load time to src/model SLIM_PROPERTIES, no file spells the list', () => {
    const loaded = [...loadQueries().values()];
    expect(loaded.some((t) => t.includes('{{slim:'))).toBe(false);
    expect(loaded.filter((t) => t.includes('other {.id, .kind, .nameZh, .nameEn, .aliases,')).length).toBeGreaterThan(0);
    for (const name of files(CYPHER_DIR))
      expect(readFileSync(join(CYPHER_DIR, `${name}.cypher`), 'utf8'), name).not.toMatch(/\.footnote, \.source\s*\}/);
  });

  it('writes the whole record once too: {{record:x}} is the slim record and the evidence lists, not the mention lists', () => {
    const byIds = loadQueries().get('entity/by-ids') as string;
    expect(byIds).toContain(`n {${RECORD_PROPERTIES.map((p) => `.${p}`).join(', ')}} AS entity`);
    expect(byIds).toContain('.evidenceSentences');
    expect(byIds).not.toMatch(/mentionLines|mentionSentences|searchText|n \{\.\*/);
  });

  it('sends Neo4j the statement without its explanations: `// name` first, no other comment line, no indentation', () => {
    const file =
      "// a/b: what it returns\n// why it is written so\nMATCH (n {id: $id})\n  // a note\n  RETURN n.url AS url, '// kept' AS s\n";
    expect(compact(file.trim(), 'a/b')).toBe("// a/b\nMATCH (n {id: $id})\nRETURN n.url AS url, '// kept' AS s");
    const loaded = loadQueries();
    for (const [name, text] of loaded) {
      expect(text.split('\n')[0], name).toBe(`// ${name}`);
      expect(
        text
          .split('\n')
          .slice(1)
          .filter((l) => l.startsWith('//') || l !== l.trim()),
        name,
      ).toEqual([]);
    }
    // The explanations were a third of the neighbourhood statement.
    const file2 = readFileSync(join(CYPHER_DIR, 'graph/neighborhood.cypher'), 'utf8');
    expect((loaded.get('graph/neighborhood') as string).length).toBeLessThan(file2.length * 0.8);
  });
});
