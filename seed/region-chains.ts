import type { RegionLevel } from '../src/model/index.js';
import type { EntityInput, RelationInput } from './schema.js';

/** The country the report is about: its cities sit in a province, never directly in it. */
export const HOME_COUNTRY = 'region/china';

/** Lower is larger. An `area` (京津冀, 雄安, 海陵島) has no rank: it may sit in, and hold, any level. */
const RANK: Record<RegionLevel, number | null> = {
  country: 0,
  province: 1,
  city: 2,
  county: 3,
  district: 3,
  town: 4,
  village: 5,
  area: null,
};

/** The levels below a province: each must reach a province (or, abroad, its country) through LOCATED_IN. */
const LOCAL: ReadonlySet<RegionLevel> = new Set(['city', 'county', 'district', 'town', 'village']);

type Region = Pick<EntityInput, 'id' | 'kind' | 'level'> & { file?: string };
type Link = Pick<RelationInput, 'type' | 'from' | 'to'>;

/**
 * Checks that the county → city → province chain is complete for every region: a county (or city district)
 * has a city or province parent, a city a province parent (a city abroad: its country), every parent is a
 * larger unit than its child, and every city, county, district, town and village reaches a province (or a
 * country other than China) by LOCATED_IN. Appends one problem per break to `problems`.
 */
export function checkRegionChains(entities: readonly Region[], relations: readonly Link[], problems: string[]): void {
  const regions = new Map(entities.filter((e) => e.kind === 'REGION').map((e) => [e.id, e]));
  const parents = new Map<string, Region[]>();
  for (const r of relations) {
    if (r.type !== 'LOCATED_IN') continue;
    const from = regions.get(r.from);
    const to = regions.get(r.to);
    if (!from || !to) continue;
    const list = parents.get(from.id) ?? [];
    list.push(to);
    parents.set(from.id, list);
  }
  const where = (e: Region) => `${e.file ?? 'regions'} › ${e.id} (${e.level})`;
  const names = (list: readonly Region[]) => (list.length ? list.map((p) => `${p.id} (${p.level})`).join(', ') : 'none');
  const isTop = (e: Region) => e.level === 'province' || (e.level === 'country' && e.id !== HOME_COUNTRY);

  for (const e of regions.values()) {
    const level = e.level as RegionLevel | undefined;
    if (!level || !LOCAL.has(level)) continue;
    const up = parents.get(e.id) ?? [];
    for (const p of up) {
      const a = RANK[level];
      const b = RANK[p.level as RegionLevel];
      if (a !== null && b !== null && b >= a)
        problems.push(`${where(e)}: LOCATED_IN ${p.id} (${p.level}), which is not a larger unit; a region sits in a larger one`);
    }
    if ((level === 'county' || level === 'district') && !up.some((p) => p.level === 'city' || p.level === 'province'))
      problems.push(
        `${where(e)}: a ${level} needs a LOCATED_IN to its city or province (parents: ${names(up)}); add it to regions.yaml, derivation INFERRED unless the report prints it`,
      );
    if (level === 'city' && !up.some(isTop))
      problems.push(
        `${where(e)}: a city needs a LOCATED_IN to its province (parents: ${names(up)}); add it to regions.yaml, derivation INFERRED unless the report prints it`,
      );
    // Does the chain end at a province?
    const seen = new Set<string>([e.id]);
    const stack = [...up];
    let reached = false;
    while (stack.length > 0 && !reached) {
      const p = stack.pop() as Region;
      if (seen.has(p.id)) continue;
      seen.add(p.id);
      if (isTop(p)) reached = true;
      else stack.push(...(parents.get(p.id) ?? []));
    }
    if (!reached)
      problems.push(
        `${where(e)}: its LOCATED_IN chain does not reach a province (parents: ${names(up)}); complete the chain in regions.yaml`,
      );
  }
}
