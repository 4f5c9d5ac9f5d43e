import { describe, expect, it } from 'vitest';
import { loadCuratedData } from '../../seed/data-files.js';
import { checkRegionChains } from '../../seed/region-chains.js';

const data = loadCuratedData();
const regions = data.entities.filter((e) => e.kind === 'REGION');
const parentsOf = (id: string) =>
  data.relations.filter((r) => r.type === 'LOCATED_IN' && r.from === id && r.to.startsWith('region/')).map((r) => r.to);
/** The first parent at each step, up to the top: the chain a reader follows. */
function chain(id: string): string[] {
  const out = [id];
  for (let at = parentsOf(id); at.length > 0 && out.length < 8; at = parentsOf(at[0] as string)) out.push(at[0] as string);
  return out;
}

describe('seed/region-chains.ts checkRegionChains over seed/data/', () => {
  it('finds no break: every county has a city or province parent, every city a province, every local region reaches one', () => {
    const problems: string[] = [];
    checkRegionChains(data.entities, data.relations, problems);
    expect(problems).toEqual([]);
  });

  it('every county of the graph has a city or province parent (e.g. 融安 → 柳州 → 廣西)', () => {
    const counties = regions.filter((r) => r.level === 'county');
    expect(counties.length).toBeGreaterThanOrEqual(16);
    const level = new Map(regions.map((r) => [r.id, r.level]));
    for (const c of counties)
      expect(
        parentsOf(c.id).some((p) => level.get(p) === 'city' || level.get(p) === 'province'),
        c.id,
      ).toBe(true);
    expect(chain('region/dapo')).toEqual(['region/dapo', 'region/rongan', 'region/liuzhou', 'region/guangxi', 'region/china']);
    expect(chain('region/sandaohe')).toEqual(['region/sandaohe', 'region/huocheng', 'region/xinjiang', 'region/china']);
  });
});

describe('checkRegionChains on broken data', () => {
  const r = (id: string, level: string) => ({ id, kind: 'REGION' as const, level: level as 'city', file: 'regions.yaml' });
  const at = (from: string, to: string) => ({ type: 'LOCATED_IN' as const, from, to });
  const base = [r('region/china', 'country'), r('region/hebei', 'province'), r('region/zhangjiakou', 'city'), r('region/guyuan', 'county')];

  it('a county with no parent is reported, naming the fix', () => {
    const problems: string[] = [];
    checkRegionChains(base, [at('region/hebei', 'region/china'), at('region/zhangjiakou', 'region/hebei')], problems);
    expect(problems).toEqual([
      expect.stringMatching(
        /^regions\.yaml › region\/guyuan \(county\): a county needs a LOCATED_IN to its city or province \(parents: none\)/,
      ),
      expect.stringMatching(/region\/guyuan \(county\): its LOCATED_IN chain does not reach a province/),
    ]);
  });

  it('a city that sits only in China (not in a province) is reported; a city abroad in its country is not', () => {
    const problems: string[] = [];
    checkRegionChains(
      [...base, r('region/united-states', 'country'), r('region/new-york', 'city')],
      [at('region/zhangjiakou', 'region/china'), at('region/guyuan', 'region/zhangjiakou'), at('region/new-york', 'region/united-states')],
      problems,
    );
    expect(problems.some((p) => p.includes('region/zhangjiakou (city): a city needs a LOCATED_IN to its province'))).toBe(true);
    expect(problems.some((p) => p.includes('region/guyuan (county): its LOCATED_IN chain does not reach a province'))).toBe(true);
    expect(problems.some((p) => p.includes('new-york'))).toBe(false);
  });

  it('a parent that is not a larger unit is reported (a county in a county)', () => {
    const problems: string[] = [];
    checkRegionChains(
      [...base, r('region/kangbao', 'county')],
      [at('region/zhangjiakou', 'region/hebei'), at('region/guyuan', 'region/hebei'), at('region/kangbao', 'region/guyuan')],
      problems,
    );
    expect(problems[0]).toMatch(/region\/kangbao \(county\): LOCATED_IN region\/guyuan \(county\), which is not a larger unit/);
  });
});
