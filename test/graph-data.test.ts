import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startsIn } from '../seed/build.js';
import { DATA_DIR, DataError } from '../seed/data-files.js';
import { joinLines } from '../seed/parse/sentences.js';
import { seed } from '../seed/run.js';
import { sourceLines } from '../seed/source.js';
import { loadQueries } from '../src/db/cypher.js';
import { Db } from '../src/db/read.js';
import { toPlain } from '../src/db/values.js';
import { readGraphVersion } from '../src/graph-version.js';
import { testDriver, testNeo4j } from './helpers.js';

const driver = testDriver();
const { database } = testNeo4j();
afterAll(() => driver.close());
const graphVersion = async () => (await readGraphVersion(new Db(driver, loadQueries(), { database, timeoutMs: 10_000 })))?.version;

async function rows<T = Record<string, unknown>>(cypher: string, params: Record<string, unknown> = {}): Promise<T[]> {
  const res = await driver.executeQuery(cypher, params, { database });
  return res.records.map((r) => toPlain(r.toObject()) as T);
}

async function counts() {
  const kinds = await rows<{ kind: string; n: number }>('MATCH (n:Entity) RETURN n.kind AS kind, count(*) AS n');
  const rels = await rows<{ type: string; n: number }>('MATCH (:Entity)-[r]->(:Entity) RETURN type(r) AS type, count(*) AS n');
  const other = await rows<{ values: number; lines: number; version: string }>(
    "MATCH (v:MetricValue) WITH count(v) AS values MATCH (l:Line) WITH values, count(l) AS lines MATCH (m:Meta {key:'graph'}) RETURN values, lines, m.version AS version",
  );
  return {
    kinds: Object.fromEntries(kinds.map((k) => [k.kind, k.n])),
    relations: Object.fromEntries(rels.map((r) => [r.type, r.n])),
    other: other[0],
  };
}

describe('the seeded graph (seed/ → Neo4j)', () => {
  let before: Awaited<ReturnType<typeof counts>>;
  beforeAll(async () => {
    before = await counts();
  });

  it('holds at least the floors of every kind and relation', () => {
    const floors: Record<string, number> = {
      COMPANY: 5,
      UNIT: 12,
      SUBSIDIARY: 15,
      BRANCH: 45,
      REGION: 90,
      PROGRAM: 40,
      PRODUCT: 45,
      PARTNER: 55,
      ORGANIZATION: 50,
      AWARD: 50,
      PERSON: 14,
      EVENT: 20,
      PUBLICATION: 15,
      METRIC: 180,
    };
    for (const [kind, floor] of Object.entries(floors)) expect(before.kinds[kind] ?? 0, kind).toBeGreaterThanOrEqual(floor);
    const totalRelations = Object.values(before.relations).reduce((a, b) => a + b, 0);
    expect(totalRelations).toBeGreaterThanOrEqual(800);
    for (const type of [
      'OWNS',
      'SUBSIDIARY_OF',
      'BRANCH_OF',
      'LOCATED_IN',
      'PARTNERS_WITH',
      'CO_FOUNDED',
      'RUNS',
      'PARTICIPATES_IN',
      'RECEIVED',
      'ISSUED_BY',
      'HOLDS_ROLE',
      'REPORTS',
      'SERVES',
      'COVERS',
      'CUSTOMER_OF',
      'RATED',
      'SIGNED',
    ])
      expect(before.relations[type] ?? 0, type).toBeGreaterThan(0);
  });

  it('has all 31 mainland provincial-level divisions as regions of level province', async () => {
    const r = await rows<{ n: number }>("MATCH (r:Region {level: 'province'}) RETURN count(r) AS n");
    expect(r[0]?.n).toBe(31);
  });

  it('holds the 100 rows of the 關鍵績效 table, each with its 2018, 2019 and 2020 values', async () => {
    const r = await rows<{ id: string; years: number[] }>(
      "MATCH (m:Metric {source: 'kpi-table'})-[:HAS_VALUE]->(v) WITH m, collect(v.year) AS years RETURN m.id AS id, years",
    );
    expect(r).toHaveLength(100);
    for (const m of r) expect([...m.years].sort(), m.id).toEqual([2018, 2019, 2020]);
  });

  it('cites only quotes that occur verbatim in the joined text of their lines, inside the sentence they name, 4+ characters long (every entity, relation and metric value)', async () => {
    const lines = sourceLines();
    const cited = await rows<{ where: string; lines: number[]; ends: number[]; quotes: string[]; sentences: string[] }>(`
      MATCH (n:Entity)
      RETURN n.id AS where, n.evidenceLines AS lines, n.evidenceLineEnds AS ends, n.evidenceQuotes AS quotes, n.evidenceSentences AS sentences
      UNION ALL
      MATCH (:Entity)-[r]->(:Entity)
      RETURN r.id AS where, r.evidenceLines AS lines, r.evidenceLineEnds AS ends, r.evidenceQuotes AS quotes, r.evidenceSentences AS sentences
      UNION ALL
      MATCH (v:MetricValue)
      RETURN v.id AS where, [v.evidenceLine] AS lines, [v.evidenceLineEnd] AS ends, [v.evidenceQuote] AS quotes, [v.evidenceSentence] AS sentences`);
    const sentenceText = new Map(
      (await rows<{ id: string; text: string }>('MATCH (s:Sentence) RETURN s.id AS id, s.text AS text')).map((s) => [s.id, s.text]),
    );
    const strip = (t: string) => t.replace(/\s+/g, '');
    let checked = 0;
    let spans = 0;
    const wrong: string[] = [];
    for (const c of cited) {
      c.lines.forEach((line, i) => {
        checked++;
        const end = c.ends[i] ?? line;
        if (end > line) spans++;
        const quote = c.quotes[i] ?? '';
        // Verbatim in the joined text of its lines (seed/parse/sentences.ts joinLines) ...
        if (!quote || !joinLines(lines, line, end).includes(quote)) wrong.push(`${c.where}: lines ${line}–${end} lack "${quote}"`);
        // ... and the sentence it names holds the quote, or (a quote running on into the next sentence) begins it.
        const sentence = sentenceText.get(c.sentences[i] ?? '') ?? '';
        if (!strip(sentence).includes(strip(quote)) && !startsIn(sentence, quote))
          wrong.push(`${c.where}: sentence ${c.sentences[i]} does not hold "${quote}"`);
        if ([...quote].length < 4) wrong.push(`${c.where}: quote "${quote}" is too short to prove anything`);
      });
    }
    expect(spans).toBeGreaterThan(100);
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(2000);
  });

  it('gives every entity except reference provinces at least one piece of evidence', async () => {
    const r = await rows<{ id: string }>('MATCH (n:Entity) WHERE size(n.evidenceLines) = 0 AND NOT n.reference RETURN n.id AS id');
    expect(r).toEqual([]);
  });

  it('has no entity twice under different ids (names and aliases, in Traditional, Simplified and English)', async () => {
    const r = await rows<{ id: string; kind: string; names: string[] }>(
      'MATCH (n:Entity) RETURN n.id AS id, n.kind AS kind, [n.nameZh, n.nameEn] + n.aliases AS names',
    );
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const e of r) {
      for (const name of new Set(e.names.filter(Boolean).map((n) => n.toLowerCase().replace(/\s+/g, '')))) {
        const key = `${e.kind}|${name}`;
        const other = owner.get(key);
        if (other && other !== e.id) clashes.push(`${name}: ${other} and ${e.id}`);
        else owner.set(key, e.id);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('records mentions and sections computed from the text, counting the repeated page once', async () => {
    const [meituan] = await rows<{ lines: number[] }>("MATCH (n:Entity {id: 'partner/meituan'}) RETURN n.mentionLines AS lines");
    expect(meituan?.lines).toEqual([1751, 3607, 3667]);
    const inCopy = await rows<{ n: number }>(
      'MATCH (n:Entity) UNWIND n.mentionLines AS l WITH l WHERE l >= 734 AND l <= 882 RETURN count(*) AS n',
    );
    expect(inCopy[0]?.n).toBe(0);
    const [line] = await rows<{ section: string }>('MATCH (l:Line {number: 4400}) RETURN l.section AS section');
    expect(line?.section).toBe('榮譽認可');
  });

  describe('exact facts of the report', () => {
    it('2019 4G base stations = 141 萬個', async () => {
      const [v] = await rows<{ value: number; printed: string; unit: string }>(
        "MATCH (m:Metric {id: 'metric/4g-base-stations-in-service'})-[:HAS_VALUE]->(v {year: 2019}) RETURN v.value AS value, v.printed AS printed, m.unit AS unit",
      );
      expect(v).toEqual({ value: 141, printed: '141', unit: '萬個' });
    });

    it('中國聯通 and 美團 signed a strategic cooperation framework agreement in 2020-12', async () => {
      const r = await rows<{ kind: string; date: string }>(
        "MATCH (:Entity {id: 'company/china-unicom-hk'})-[r:PARTNERS_WITH]->(:Partner {id: 'partner/meituan'}) RETURN r.kind AS kind, r.date AS date",
      );
      expect(r).toContainEqual({ kind: 'strategic agreement', date: '2020-12' });
    });

    it('聯通大數據公司 received the 全國抗擊新冠肺炎疫情先進集體 title', async () => {
      const r = await rows<{ award: string }>(
        "MATCH (s:Subsidiary {id: 'subsidiary/unicom-big-data'})-[:RECEIVED]->(a:Award) RETURN a.nameZh AS award",
      );
      expect(r.map((x) => x.award).some((a) => a.includes('全國抗擊新冠肺炎疫情先進集體'))).toBe(true);
    });

    it('王曉初 is 董事長兼首席執行官', async () => {
      const r = await rows<{ role: string; title: string }>(
        "MATCH (p:Person {nameZh: '王曉初'})-[h:HOLDS_ROLE]->() RETURN h.role AS role, p.title AS title",
      );
      expect(r.map((x) => x.role)).toContain('董事長兼首席執行官');
      expect(r[0]?.title).toBe('董事長兼首席執行官');
    });

    it('the group structure: China Unicom (BVI) holds 53.5% of the Hong Kong company', async () => {
      const r = await rows<{ share: number }>(
        "MATCH (:Company {id: 'company/china-unicom-bvi'})-[o:OWNS]->(:Company {id: 'company/china-unicom-hk'}) RETURN o.share AS share",
      );
      expect(r).toEqual([{ share: 53.5 }]);
    });
  });

  describe('npm run seed', () => {
    it('seeding again gives identical counts and the same version', async () => {
      await seed(driver, { database });
      expect(await counts()).toEqual(before);
    });

    it('fails on a broken data file with file, entry and field named, and leaves the database unchanged', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'unicom-kg-broken-'));
      try {
        cpSync(DATA_DIR, dir, { recursive: true });
        const file = join(dir, 'partners.yaml');
        writeFileSync(file, readFileSync(file, 'utf8').replace(/sector: internet/, 'sector: 42'));
        const err = await seed(driver, { database, dataDir: dir }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(DataError);
        expect((err as DataError).message).toMatch(/partners\.yaml › entities\[\d+\] \(partner\/[a-z0-9-]+\) › sector: /);
        expect(await counts()).toEqual(before);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('rolls back everything when a write fails inside the transaction', async () => {
      const version = await graphVersion();
      const err = await seed(driver, {
        database,
        reset: true,
        beforeCommit: async () => {
          throw new Error('simulated failure after all writes');
        },
      }).catch((e: unknown) => e);
      expect((err as Error).message).toBe('simulated failure after all writes');
      expect(await counts()).toEqual(before);
      expect(await graphVersion()).toBe(version);
    });
  });
});
