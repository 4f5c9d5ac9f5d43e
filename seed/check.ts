import { parseArgs } from 'node:util';
import { DataError, loadCuratedData } from './data-files.js';

const { values } = parseArgs({ options: { help: { type: 'boolean', short: 'h' } } });
if (values.help) {
  console.log(`Usage: npx tsx seed/check.ts

Validates every seed/data/*.yaml file without touching a database: zod shapes, unique ids,
relation ends that exist, every evidence quote present verbatim on its cited line, and every
relation (the REPORTS edges the seeder writes included) between kinds its type allows
(seed/rules/relation-kinds.yaml, the machine form of DATA.md's relation table), and no
name of a theme shared with any other entity (folded with nameKey), and a complete region
chain (every county in a city or province, every city in a province: seed/region-chains.ts).
Exits 1 and lists each problem (file › entry › field: what is expected) when anything is wrong.`);
  process.exit(0);
}
try {
  const d = loadCuratedData();
  const byKind = new Map<string, number>();
  for (const e of d.entities) byKind.set(e.kind, (byKind.get(e.kind) ?? 0) + 1);
  byKind.set('METRIC', (byKind.get('METRIC') ?? 0) + d.metrics.length);
  console.log('entities by kind:', Object.fromEntries([...byKind].sort()));
  console.log('relations:', d.relations.length);
} catch (err) {
  if (err instanceof DataError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
