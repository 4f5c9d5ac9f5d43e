import { afterAll, describe, expect, it } from 'vitest';
import { graphMetrics, TARGETS } from '../tools/lib/graph-metrics.js';
import { testApp } from './helpers.js';

const api = testApp();
afterAll(() => api.close());

describe('the researcher graph (issue 12 figures, tools/graph-metrics.ts)', () => {
  it('meets the targets: every printed name resolves, one large component, partners linked beyond the company', async () => {
    const m = await graphMetrics(api.db);
    expect(m.unresolvable).toEqual([]);
    expect(m.resolvable / m.entities).toBeGreaterThanOrEqual(TARGETS.resolvableShare);
    expect(m.largestComponent / m.componentEntities).toBeGreaterThanOrEqual(TARGETS.largestComponentShare);
    expect(m.partnersLinked / m.partners).toBeGreaterThanOrEqual(TARGETS.partnersLinkedShare);
    expect(m.themes).toBeGreaterThanOrEqual(25);
    expect(m.themeLinked).toBeGreaterThanOrEqual(300);
    expect(m.singles).toBeLessThanOrEqual(TARGETS.maxSingles);
  }, 120_000);
});
