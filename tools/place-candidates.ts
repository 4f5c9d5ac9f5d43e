import { parseArgs } from 'node:util';
import { prepareGraph } from '../seed/run.js';

const HELP = `Usage: npx tsx tools/place-candidates.ts [--kinds A,B] [--all] [--stats]

The work list for seed/data/places.yaml: for each programme, product, event, award, organisation and
partner, the sentences that name it (its evidence sentences and its mentions) together with a region
(a REGION mention: "湖北聯通" is a mention of the branch, not of 湖北) or a city/provincial branch, and
the region the entity already has (LOCATED_IN or COVERS), if any. A line is a candidate, not a place: a
curator reads the sentence and adds a LOCATED_IN (or COVERS) only where it says the thing is there
(南京東路 is a street in Shanghai, not Nanjing; 河北聯通 places the branch, not every programme in its
sentence).

Options:
  --kinds A,B  only entities of these kinds (default PROGRAM,PRODUCT,EVENT,AWARD,ORGANIZATION,PARTNER)
  --all        also the entities that already have a place
  --stats      only the counts: entities of each kind with a LOCATED_IN to a region, and programmes
               (all, and those ABOUT theme/poverty-alleviation) from which a LOCATED_IN/COVERS chain
               ends at a level: province region
  -h, --help   this text`;

const { values } = parseArgs({
  options: {
    kinds: { type: 'string' },
    all: { type: 'boolean' },
    stats: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

const rows = prepareGraph();
const byId = new Map(rows.entities.map((e) => [e.id, e]));
const kindOf = (id: string): string | undefined => byId.get(id)?.props.kind;
/** LOCATED_IN and COVERS edges by their start, whatever the kinds (a programme COVERS a school LOCATED_IN a county). */
const placeOut = new Map<string, { type: string; to: string }[]>();
for (const r of rows.relations)
  if (r.type === 'LOCATED_IN' || r.type === 'COVERS') {
    const list = placeOut.get(r.from) ?? [];
    list.push({ type: r.type, to: r.to });
    placeOut.set(r.from, list);
  }

/**
 * The provinces a LOCATED_IN/COVERS chain from `id` ends at: the Cypher
 * `MATCH (p {id: $id})-[:LOCATED_IN|COVERS]->+(r:Region {level: 'province'}) RETURN DISTINCT r.id`.
 */
function provincesOf(id: string): Set<string> {
  const found = new Set<string>();
  const seen = new Set<string>();
  const stack = (placeOut.get(id) ?? []).map((p) => p.to);
  while (stack.length > 0) {
    const at = stack.pop() as string;
    if (seen.has(at)) continue;
    seen.add(at);
    if (kindOf(at) === 'REGION' && byId.get(at)?.props.level === 'province') found.add(at);
    for (const p of placeOut.get(at) ?? []) stack.push(p.to);
  }
  return found;
}

if (values.stats) {
  const located = new Map<string, number>();
  for (const e of rows.entities)
    if (e.props.kind !== 'REGION' && rows.relations.some((r) => r.type === 'LOCATED_IN' && r.from === e.id && kindOf(r.to) === 'REGION'))
      located.set(e.props.kind, (located.get(e.props.kind) ?? 0) + 1);
  const poverty = new Set(rows.relations.filter((r) => r.type === 'ABOUT' && r.to === 'theme/poverty-alleviation').map((r) => r.from));
  const programs = rows.entities.filter((e) => e.props.kind === 'PROGRAM');
  const reach = (list: typeof programs) => list.filter((p) => provincesOf(p.id).size > 0).length;
  const povertyPrograms = programs.filter((p) => poverty.has(p.id));
  console.log('entities with a LOCATED_IN to a region, by kind:', Object.fromEntries([...located].sort()));
  console.log(`programmes reaching a province: ${reach(programs)} of ${programs.length}`);
  console.log(`poverty programmes reaching a province: ${reach(povertyPrograms)} of ${povertyPrograms.length}`);
  process.exit(0);
}

const kinds = new Set(
  (values.kinds ?? 'PROGRAM,PRODUCT,EVENT,AWARD,ORGANIZATION,PARTNER')
    .split(',')
    .map((k) => k.trim().toUpperCase())
    .filter(Boolean),
);
const placeNamer = (id: string) => kindOf(id) === 'REGION' || (kindOf(id) === 'BRANCH' && id !== 'branch/headquarters');
for (const e of rows.entities) {
  if (!kinds.has(e.props.kind)) continue;
  const has = (placeOut.get(e.id) ?? []).filter((p) => kindOf(p.to) === 'REGION');
  if (has.length > 0 && !values.all) continue;
  const evLines = new Set<number>(e.props.evidenceLines as number[]);
  const hits = rows.sentences.filter(
    (s) =>
      !s.duplicate &&
      (s.entityIds.includes(e.id) || [...evLines].some((l) => l >= s.lineStart && l <= s.lineEnd)) &&
      s.entityIds.some(placeNamer),
  );
  if (hits.length === 0) continue;
  console.log(`\n## ${e.id} ${e.props.nameZh}${has.length ? `  [has ${has.map((h) => `${h.type} ${h.to}`).join(', ')}]` : ''}`);
  for (const s of hits) console.log(`  ${s.lineStart}-${s.lineEnd} [${s.entityIds.filter(placeNamer).join(' ')}] ${s.text.slice(0, 260)}`);
}
