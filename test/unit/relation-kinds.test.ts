import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataError, loadCuratedData } from '../../seed/data-files.js';
import { allowedPairs, kindPairAllowed, loadRelationKinds } from '../../seed/relation-kinds.js';
import { ENTITY_KINDS, KINDS, RELATION_TYPES } from '../../src/model/index.js';

const DATA_MD = readFileSync(new URL('../../seed/DATA.md', import.meta.url), 'utf8');

/** Kind by the word DATA.md's table uses for it (Company, Partner …), `any` for every kind. */
const KIND_WORDS = new Map<string, string>(ENTITY_KINDS.map((k) => [KINDS[k].typeName, k]));
const WORD = new RegExp(`\\b(${[...KIND_WORDS.keys(), 'any'].join('|')})\\b`, 'g');

/**
 * The table "Relation types and their direction" as pairs per type. A cell is read as the prose a person
 * writes: parenthesised remarks and anything after the first colon are comments; `;` separates rules;
 * the kinds before a rule's first → are its sources, every kind after it a target ("Company/Partner →
 * Organization …, or → a Partner that is an alliance" has two targets).
 */
function tablePairs(markdown: string): Map<string, Set<string>> {
  const start = markdown.indexOf('## Relation types and their direction');
  const section = markdown.slice(start, markdown.indexOf('\n## ', start + 1));
  const rows = section.split('\n').filter((l) => /^\| [A-Z_]+ \|/.test(l));
  const pairs = new Map<string, Set<string>>();
  for (const row of rows) {
    const [, type = '', cell = ''] = row.split('|').map((c) => c.trim());
    let text = cell;
    for (let prev = ''; prev !== text; ) {
      prev = text;
      text = text.replace(/\([^()]*\)|（[^（）]*）/g, ' ');
    }
    text = text.split(/[:：]/)[0] ?? '';
    const set = new Set<string>();
    for (const rule of text.split(';')) {
      const arrow = rule.indexOf('→');
      if (arrow < 0) continue;
      const kinds = (s: string) => [...s.matchAll(WORD)].map((m) => (m[1] === 'any' ? 'any' : (KIND_WORDS.get(m[1] as string) as string)));
      for (const f of kinds(rule.slice(0, arrow))) for (const t of kinds(rule.slice(arrow + 1))) set.add(`${f} → ${t}`);
    }
    pairs.set(type, set);
  }
  return pairs;
}

describe('seed/rules/relation-kinds.yaml', () => {
  const rules = loadRelationKinds();

  it("says exactly what DATA.md's table says, type by type", () => {
    const table = tablePairs(DATA_MD);
    expect([...table.keys()].sort()).toEqual([...RELATION_TYPES].sort());
    for (const type of RELATION_TYPES) {
      expect(new Set(allowedPairs(rules, type)), type).toEqual(table.get(type));
    }
  });

  it('reads the table as written (a rule per `;`, comments in parentheses and after a colon left out)', () => {
    const table = tablePairs(DATA_MD);
    expect(table.get('MEMBER_OF')).toEqual(
      new Set(['COMPANY → ORGANIZATION', 'COMPANY → PARTNER', 'PARTNER → ORGANIZATION', 'PARTNER → PARTNER']),
    );
    expect(table.get('BRANCH_OF')).toEqual(new Set(['BRANCH → COMPANY', 'BRANCH → BRANCH']));
    expect(table.get('RECEIVED')).toEqual(new Set(['any → AWARD']));
    expect(table.get('CO_DEVELOPED')).toEqual(new Set(['PARTNER → PRODUCT']));
  });

  it('allows a pair listed under a type, `any` for every kind, and nothing else', () => {
    expect(kindPairAllowed(rules, 'OFFERS', 'BRANCH', 'PRODUCT')).toBe(true);
    expect(kindPairAllowed(rules, 'OFFERS', 'BRANCH', 'PROGRAM')).toBe(false);
    expect(kindPairAllowed(rules, 'RECEIVED', 'REGION', 'AWARD')).toBe(true);
    expect(kindPairAllowed(rules, 'RECEIVED', 'AWARD', 'REGION')).toBe(false);
  });

  it('rejects a file that names an unknown kind or leaves out a type', () => {
    const dir = mkdtempSync(join(tmpdir(), 'unicom-kg-rules-'));
    try {
      const file = join(dir, 'relation-kinds.yaml');
      writeFileSync(file, 'OWNS:\n  - { from: [COMPANY], to: [COMPNAY] }\n');
      expect(() => loadRelationKinds(file)).toThrow(/relation-kinds\.yaml › OWNS › 0 › to › 0/);
      expect(() => loadRelationKinds(file)).toThrow(/SUBSIDIARY_OF/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('loadCuratedData: kinds a relation joins', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  // Two real entities of L2791 and a relation whose type does not join their kinds.
  const yaml = `entities:
  - id: program/yig-project
    kind: PROGRAM
    nameZh: YIG項目
    evidence: [{ line: 2791, quote: 雲生產系統孵化的YIG項目被Linux SODA基金會接納為核 }]
  - id: organization/soda-foundation
    kind: ORGANIZATION
    nameZh: Linux SODA基金會
    evidence: [{ line: 2791, quote: 雲生產系統孵化的YIG項目被Linux SODA基金會接納為核 }]
relations:
  - type: OWNS
    from: program/yig-project
    to: organization/soda-foundation
    evidence: [{ line: 2791, quote: 雲生產系統孵化的YIG項目被Linux SODA基金會接納為核 }]
  - type: PART_OF
    from: program/yig-project
    to: organization/soda-foundation
    evidence: [{ line: 2791, quote: 雲生產系統孵化的YIG項目被Linux SODA基金會接納為核 }]
`;

  function problems(): string[] {
    dir = mkdtempSync(join(tmpdir(), 'unicom-kg-kinds-'));
    writeFileSync(join(dir, 'links.yaml'), yaml);
    try {
      loadCuratedData(dir);
    } catch (err) {
      if (err instanceof DataError) return err.problems;
      throw err;
    }
    return [];
  }

  it('reports a relation outside its type’s pairs with its file, the pair found and the pairs allowed', () => {
    const found = problems();
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('links.yaml › relations OWNS program/yig-project -> organization/soda-foundation › kinds:');
    expect(found[0]).toContain('PROGRAM → ORGANIZATION is not allowed for OWNS; allowed: COMPANY → COMPANY');
  });

  it('checks the REPORTS edges the seeder writes against the same rules', () => {
    dir = mkdtempSync(join(tmpdir(), 'unicom-kg-kinds-'));
    const rules = { ...loadRelationKinds(), REPORTS: [{ from: ['SUBSIDIARY' as const], to: ['METRIC' as const] }] };
    try {
      loadCuratedData(dir, [], rules);
      expect.unreachable();
    } catch (err) {
      expect((err as DataError).problems).toEqual([
        expect.stringMatching(
          /^seed\/build\.ts › relations REPORTS company\/china-unicom-hk -> metric\/\* › kinds: COMPANY → METRIC is not allowed/,
        ),
      ]);
    }
  });
});
