import { describe, expect, it } from 'vitest';
import { variablesProblem } from '../../src/http/limits/body.js';

const limits = { maxDepth: 16, maxValues: 1_000 };

/** `{"a": {"a": ... {"a": 1}}}` with `levels` objects. */
function nested(levels: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < levels; i++) v = { a: v };
  return v;
}

describe('variablesProblem (src/http/limits/body.ts)', () => {
  it('accepts absent variables and ordinary ones', () => {
    expect(variablesProblem(undefined, limits)).toBeNull();
    expect(variablesProblem(null, limits)).toBeNull();
    expect(variablesProblem({}, limits)).toBeNull();
    expect(variablesProblem({ q: '美團', first: 20, kinds: ['PARTNER', 'PROGRAM'], flag: null }, limits)).toBeNull();
  });

  it.each([
    ['a string', '{"q":"x"}'],
    ['a number', 3],
    ['a list', [{ q: 'x' }]],
    ['true', true],
  ])('refuses %s: variables must be an object', (_what, value) => {
    expect(variablesProblem(value, limits)).toBe(
      '`variables` must be a JSON object whose keys are the variable names, e.g. {"q": "美團"}.',
    );
  });

  it('accepts nesting up to the limit and refuses one level more', () => {
    expect(variablesProblem(nested(16), limits)).toBeNull();
    expect(variablesProblem(nested(17), limits)).toBe(
      '`variables` are nested more than 16 levels deep (MAX_VARIABLES_DEPTH). No argument of this API needs more: send flatter values.',
    );
  });

  it('counts lists as levels too', () => {
    let v: unknown = 'x';
    for (let i = 0; i < 20; i++) v = [v];
    expect(variablesProblem({ v }, limits)).toMatch(/nested more than 16 levels deep/);
  });

  it('refuses 100,000 levels with a message, not a stack overflow', () => {
    expect(variablesProblem(nested(100_000), limits)).toMatch(/MAX_VARIABLES_DEPTH/);
    // Even with a depth limit that lets all of them through, the walk is a loop.
    expect(variablesProblem(nested(100_000), { maxDepth: 200_000, maxValues: 1_000_000 })).toBeNull();
  });

  it('counts every value, objects and lists included, against the size limit', () => {
    // The object itself plus 999 numbers: exactly 1,000 values.
    expect(variablesProblem({ ids: Array.from({ length: 998 }, (_, i) => i) }, limits)).toBeNull();
    expect(variablesProblem({ ids: Array.from({ length: 999 }, (_, i) => i) }, limits)).toBe(
      '`variables` hold more than 1000 values (MAX_VARIABLES_VALUES). Send fewer or smaller variables.',
    );
  });

  it('refuses a huge flat list by size', () => {
    expect(variablesProblem({ ids: new Array(100_000).fill('partner/meituan') }, limits)).toMatch(/MAX_VARIABLES_VALUES/);
  });
});
