import { describe, expect, it } from 'vitest';
import { NewShapeBudget } from '../../src/db/shapes.js';

describe('NewShapeBudget (src/db/shapes.ts): new statement texts per client address per minute', () => {
  it('spends one unit per text new to the server; a text seen before costs nothing, whoever sent it', () => {
    const budget = new NewShapeBudget(3, () => 0);
    for (const t of ['a', 'b', 'c']) expect(budget.admit('10.0.0.1', t)).toBeNull();
    expect(budget.admit('10.0.0.1', 'a')).toBeNull();
    const refusal = budget.admit('10.0.0.1', 'd');
    expect(refusal?.extensions).toMatchObject({
      code: 'TOO_MANY_NEW_SHAPES',
      limit: 3,
      http: { status: 429, headers: { 'retry-after': '20' } },
    });
    expect(refusal?.message).toMatch(/MAX_NEW_SHAPES_PER_MINUTE.*order of fields and alias names do not matter/);
    // Another address has its own budget, and may run what the first one made known.
    expect(budget.admit('10.0.0.2', 'c')).toBeNull();
    expect(budget.admit('10.0.0.2', 'd')).toBeNull();
    expect(budget.counts).toEqual({ admitted: 4, refused: 1 });
  });

  it('refills continuously: one new text every 60 / perMinute seconds', () => {
    let now = 0;
    const budget = new NewShapeBudget(6, () => now);
    for (let i = 0; i < 6; i++) expect(budget.admit('c', `t${i}`)).toBeNull();
    expect(budget.admit('c', 'x')).not.toBeNull();
    now = 9_999;
    expect(budget.admit('c', 'x')).not.toBeNull();
    now = 10_000;
    expect(budget.admit('c', 'x')).toBeNull();
    now = 10_000 + 60_000;
    for (let i = 0; i < 6; i++) expect(budget.admit('c', `u${i}`)).toBeNull();
    expect(budget.admit('c', 'u6')).not.toBeNull();
  });
});
