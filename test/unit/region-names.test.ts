import { describe, expect, it } from 'vitest';
import { loadCuratedData } from '../../seed/data-files.js';
import { nameKey } from '../../src/search/names.js';

const data = loadCuratedData();
const regions = data.entities.filter((e) => e.kind === 'REGION');
const parent = new Map<string, string[]>();
for (const r of data.relations)
  if (r.type === 'LOCATED_IN' && r.from.startsWith('region/') && r.to.startsWith('region/'))
    parent.set(r.from, [...(parent.get(r.from) ?? []), r.to]);
function inChina(id: string, seen = new Set<string>()): boolean {
  if (id === 'region/china') return true;
  if (seen.has(id)) return false;
  seen.add(id);
  return (parent.get(id) ?? []).some((p) => inChina(p, seen));
}
/** Whose folded name (nameKey) this is, among regions. */
const owner = new Map<string, string>();
for (const r of regions) for (const n of [r.nameZh, r.nameEn ?? '', ...r.aliases]) if (n) owner.set(nameKey(n), r.id);

describe('seed/data/regions.yaml names (what entity(name:) and search find a region by)', () => {
  it('every region has an English name, and every region in China a plain pinyin or English form (ASCII letters, no tone marks or apostrophes)', () => {
    const plain = /^[A-Za-z][A-Za-z -]*$/;
    for (const r of regions) {
      expect(r.nameEn, r.id).toBeTruthy();
      if (inChina(r.id))
        expect(
          [r.nameEn ?? '', ...r.aliases].some((n) => plain.test(n)),
          r.id,
        ).toBe(true);
    }
  });

  it.each([
    ['Tibet', 'region/xizang'],
    ['Xizang', 'region/xizang'],
    ['Inner Mongolia', 'region/neimenggu'],
    ['Neimenggu', 'region/neimenggu'],
    ['Hong Kong', 'region/hong-kong'],
    ['Macao', 'region/macau'],
    ['Macau', 'region/macau'],
    ['Peking', 'region/beijing'],
    ['Harbin', 'region/haerbin'],
    ['Hohhot', 'region/huhehaote'],
    ['Ili', 'region/yili'],
    ['Fuan', 'region/fuan'],
    ['Rongan', 'region/rongan'],
  ])('"%s" names %s', (name, id) => {
    expect(owner.get(nameKey(name))).toBe(id);
  });
});
