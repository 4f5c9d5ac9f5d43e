import { parseArgs } from 'node:util';
import { prepareGraph } from '../seed/run.js';
import { coverage, type PairEntity, unlinkedSentences } from './lib/unlinked.js';

const HELP = `Usage: npx tsx tools/unlinked-sentences.ts [--kinds A,B] [--json] [--count] [--coverage] [--keep-inside]

Lists the report's sentences that name two or more entities with NO relation (of any type, in either
direction) between some pair of them: the work list for curating links a sentence states (issue 20).
Built from the seeder's own rows (prepareGraph() of seed/run.ts: the sentences, the entities each names,
every relation of seed/data/). For each sentence: its id, lines, text, and the unrelated pairs (ids, names).

Left out, as pairs that cannot carry a stated link here and would only be noise:
  - the reporting companies (company/*): nearly every sentence speaks for 中國聯通;
  - metrics (metric/*): figures, linked by REPORTS from code;
  - themes (theme/*): generated with their ABOUT edges by tools/theme-candidates.ts;
  - an entity the sentence names only inside the longer name of another entity it names (美團 inside the
    event 中國聯通與美團簽署戰略合作框架協議, 湖北 inside 湖北省政府): it is not named on its own there;
  - sentences of the repeated page (duplicate: true, the later copy of lines 571–719).
A pair listed is a candidate, not a link: add a relation only where the sentence states it.

Options:
  --kinds A,B   only pairs whose two ends are both of these kinds (PARTNER,PROGRAM,EVENT ...);
                with * in the list (--kinds PARTNER,*), pairs with at least one end of the named kinds
  --keep-inside keep the entities named only inside another's name (to review what that rule hides)
  --json        machine output: [{id, lineStart, lineEnd, text, pairs: [{a:{id,kind,name}, b:{...}}]}]
                (with --count or --coverage: those figures as JSON)
  --count       print only the number of sentences and of pairs
  --coverage    programmes (PROGRAM) with a PARTNER or ORGANIZATION linked by any relation, and partners
                reaching a PROGRAM, EVENT or PRODUCT by a relation of their own (out of all of each);
                with --json also the ids of those without
  -h, --help    this text`;

const { values } = parseArgs({
  options: {
    kinds: { type: 'string' },
    json: { type: 'boolean' },
    count: { type: 'boolean' },
    coverage: { type: 'boolean' },
    'keep-inside': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}

// Piped into head: stop quietly when the reader goes away.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

const rows = prepareGraph();
const knownKinds = new Set<string>(rows.entities.map((e) => e.props.kind));
const kinds = values.kinds
  ?.split(',')
  .map((k) => k.trim().toUpperCase())
  .filter(Boolean);
const unknown = (kinds ?? []).filter((k) => k !== '*' && !knownKinds.has(k));
if (unknown.length > 0) {
  console.error(`--kinds: unknown kind ${unknown.join(', ')}; the kinds are ${[...knownKinds].sort().join(', ')}`);
  process.exit(1);
}

if (values.coverage) {
  const c = coverage(rows.relations, new Map(rows.entities.map((e) => [e.id, e.props.kind])));
  if (values.json) console.log(JSON.stringify(c, null, 2));
  else {
    console.log(`programmes with a partner or organisation linked: ${c.programsWithPartnerOrOrganization} of ${c.programs}`);
    console.log(`partners reaching a programme, event or product: ${c.partnersReachingProgramEventOrProduct} of ${c.partners}`);
  }
  if (!values.count) process.exit(0);
}

const entities = new Map<string, PairEntity>(
  rows.entities.map((e) => [
    e.id,
    {
      id: e.id,
      kind: e.props.kind,
      nameZh: e.props.nameZh,
      names: [e.props.nameZh, ...e.props.aliases, ...(e.props.nameEn ? [e.props.nameEn] : [])],
    },
  ]),
);
const list = unlinkedSentences(rows.sentences, rows.relations, entities, {
  ...(kinds ? { kinds } : {}),
  keepInside: values['keep-inside'] === true,
});
const pairs = list.reduce((n, s) => n + s.pairs.length, 0);

if (values.count) {
  if (values.json) console.log(JSON.stringify({ sentences: list.length, pairs }));
  else console.log(`${list.length} sentences, ${pairs} unrelated pairs${kinds ? ` (kinds ${kinds.join(',')})` : ''}`);
} else if (values.json) console.log(JSON.stringify(list, null, 2));
else {
  for (const s of list) {
    console.log(`${s.id}  lines ${s.lineStart}–${s.lineEnd}\n  ${s.text}`);
    for (const p of s.pairs) console.log(`    ${p.a.id} (${p.a.name})  ×  ${p.b.id} (${p.b.name})`);
  }
  console.log(`${list.length} sentences, ${pairs} unrelated pairs`);
}
