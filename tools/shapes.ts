/**
 * Requests of shapes a server has not seen (issue 22 item 8): 30 aliases of entity(id:) under fresh alias
 * names (the limit of 30 aliases counts every alias, so nested fields keep their names), each selecting nested
 * fields in a random order (mode `order`: always the same fields; `sets`: a random subset of them too). Used by
 * tools/new-shapes.ts and the new-shape attacker of tools/stress-core.ts.
 */
export type ShapeMode = 'order' | 'sets';

const IDS = ['partner/huawei', 'partner/meituan', 'company/china-unicom-hk', 'region/beijing', 'program/smart-winter-olympics'];

/** Nested fields of Entity that the translate layer compiles into subqueries, and scalars. */
const FIELDS = [
  'degree',
  'relations(first: 5) { totalCount }',
  'mentions(first: 3) { totalCount }',
  'metrics { id }',
  'themes { id }',
  '... on Partner { places { id } }',
  'nameZh',
  'nameEn',
  '... on Partner { programs { id } }',
];

function shuffle<T>(list: T[], rnd: () => number): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [list[i], list[j]] = [list[j] as T, list[i] as T];
  }
  return list;
}

let counter = 0;

/** One root field `<alias>: entity(id: …) { … }` of a new shape. */
export function newShape(rnd: () => number, mode: ShapeMode, alias = 'e'): string {
  const fields = shuffle([...FIELDS], rnd).filter((_, i) => mode === 'order' || i < 3 || rnd() < 0.5);
  return `${alias}: entity(id: "${IDS[Math.floor(rnd() * IDS.length)]}") { id ${fields.join(' ')} }`;
}

/** A request of `n` (default 30) aliases under names not used before, each a new shape. */
export function newShapeRequest(rnd: () => number, mode: ShapeMode, n = 30): string {
  return `{ ${Array.from({ length: n }, () => newShape(rnd, mode, `a${(counter++).toString(36)}`)).join(' ')} }`;
}
