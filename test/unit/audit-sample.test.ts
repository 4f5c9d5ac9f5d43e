import { beforeAll, describe, expect, it } from 'vitest';
import type { GraphRows } from '../../seed/build.js';
import { prepareGraph } from '../../seed/run.js';
import {
  factPool,
  factPoolOfType,
  PASSAGE_MAX_CHARS,
  passagePool,
  sampleFacts,
  sampleIndexes,
  samplePassages,
} from '../../tools/audit-sample.js';

describe('the audit sampler (tools/audit-sample.ts)', () => {
  let g: GraphRows;
  beforeAll(() => {
    g = prepareGraph();
  });

  it('draws k distinct indexes of [0, n), the same for the same seed and another for another seed', () => {
    const a = sampleIndexes(1000, 100, 42);
    expect(new Set(a).size).toBe(100);
    expect(a.every((i) => i >= 0 && i < 1000)).toBe(true);
    expect(sampleIndexes(1000, 100, 42)).toEqual(a);
    expect(sampleIndexes(1000, 100, 43)).not.toEqual(a);
    expect(sampleIndexes(5, 10, 1).sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('is close to uniform: every index is drawn about k/n of the time', () => {
    const hits = new Array<number>(20).fill(0);
    for (let seed = 0; seed < 2000; seed++) for (const i of sampleIndexes(20, 5, seed)) hits[i] = (hits[i] ?? 0) + 1;
    for (const h of hits) expect(h).toBeGreaterThan(400); // expected 500 each
    for (const h of hits) expect(h).toBeLessThan(600);
  });

  it('pools every relation, entity and metric value once', () => {
    const pool = factPool(g);
    expect(pool.length).toBe(g.relations.length + g.entities.length + g.metricValues.length);
    expect(pool.filter((f) => f.kind === 'relation').length).toBe(g.relations.length);
    expect(pool.filter((f) => f.kind === 'entity').length).toBe(g.entities.length);
    expect(pool.filter((f) => f.kind === 'metric-value').length).toBe(g.metricValues.length);
  });

  it('draws the same facts and passages for the same seed', () => {
    const ids = (seed: number) => sampleFacts(g, 100, seed).map((f) => `${f.kind}:${f.row.id}`);
    expect(ids(20261209)).toEqual(ids(20261209));
    expect(new Set(ids(20261209)).size).toBe(100);
    expect(ids(20261209)).not.toEqual(ids(1));
    const passages = (seed: number) => samplePassages(g, 8, seed).map((p) => p.sentences.map((s) => s.id).join(','));
    expect(passages(20261210)).toEqual(passages(20261210));
    expect(passages(20261210)).toHaveLength(8);
  });

  it('with a type (--type ABOUT) draws only relations of that type, the same for the same seed', () => {
    const about = g.relations.filter((r) => r.type === 'ABOUT');
    expect(factPoolOfType(g, 'ABOUT')).toHaveLength(about.length);
    expect(factPoolOfType(g)).toHaveLength(factPool(g).length);
    const draw = (seed: number) => sampleFacts(g, 60, seed, 'ABOUT');
    const a = draw(20261214);
    expect(a).toHaveLength(Math.min(60, about.length));
    expect(a.every((f) => f.kind === 'relation' && f.row.type === 'ABOUT')).toBe(true);
    expect(new Set(a.map((f) => f.row.id)).size).toBe(a.length);
    expect(draw(20261214).map((f) => f.row.id)).toEqual(a.map((f) => f.row.id));
    expect(draw(1).map((f) => f.row.id)).not.toEqual(a.map((f) => f.row.id));
  });

  it('grows passages from prose sentences only, within the length bound, without overlaps', () => {
    const pool = new Set(passagePool(g).map((s) => s.id));
    const seen = new Set<string>();
    for (const p of samplePassages(g, 8, 20261210)) {
      expect(pool.has(p.seed.id)).toBe(true);
      expect(p.sentences.every((s) => s.block === 'PARAGRAPH' || s.block === 'BULLET')).toBe(true);
      if (p.sentences.length > 1) expect([...p.text].length).toBeLessThanOrEqual(PASSAGE_MAX_CHARS);
      for (const s of p.sentences) {
        expect(seen.has(s.id)).toBe(false);
        seen.add(s.id);
      }
    }
  });
});
