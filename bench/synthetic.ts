import neo4j, { type Driver } from 'neo4j-driver';
import { prng } from '../tools/prng.js';

/**
 * Deterministic synthetic data around the real core, for `npm run bench -- --scale 1,10,100`.
 *
 * Scale k adds k − 1 "clusters", each as many partners, programs, branches, regions and awards as the
 * report has, wired with the report's own shapes (PARTNERS_WITH, PARTICIPATES_IN, RUNS, PART_OF,
 * LOCATED_IN, BRANCH_OF, RECEIVED), and a few links into the real core. Every synthetic node carries
 * `synthetic: true` and its cluster number, and an id like "partner/syn-000123". Each cluster has its own
 * seeded random stream, so cluster c is the same whatever scale is asked for and in whichever order.
 */

export const SYNTHETIC_KINDS = ['PARTNER', 'PROGRAM', 'BRANCH', 'REGION', 'AWARD'] as const;
type Kind = (typeof SYNTHETIC_KINDS)[number];

const NAMES: Record<Kind, { zh: string; en: string; slug: string; label: string }> = {
  PARTNER: { zh: '合成夥伴', en: 'Synthetic partner', slug: 'partner', label: 'Partner' },
  PROGRAM: { zh: '合成項目', en: 'Synthetic program', slug: 'program', label: 'Program' },
  BRANCH: { zh: '合成分公司', en: 'Synthetic branch', slug: 'branch', label: 'Branch' },
  REGION: { zh: '合成地區', en: 'Synthetic region', slug: 'region', label: 'Region' },
  AWARD: { zh: '合成獎項', en: 'Synthetic award', slug: 'award', label: 'Award' },
};

export interface CoreIds {
  /** Ids of the real entities of each synthetic kind, for the links into the core. */
  byKind: Record<Kind, string[]>;
}

interface EntityRow {
  id: string;
  label: string;
  props: Record<string, unknown>;
}
interface RelationRow {
  id: string;
  type: string;
  from: string;
  to: string;
}

export interface Cluster {
  entities: EntityRow[];
  relations: RelationRow[];
}

const EMPTY_EVIDENCE = { evidenceLines: [], evidenceQuotes: [], evidenceSections: [], mentionLines: [], aliases: [] };

/** Cluster `c` (0-based): as many entities of each kind as the core has, and their relations. */
export function cluster(c: number, core: CoreIds): Cluster {
  const next = prng(0x5eed + c * 7919);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const ids = {} as Record<Kind, string[]>;
  const entities: EntityRow[] = [];
  for (const kind of SYNTHETIC_KINDS) {
    const n = core.byKind[kind].length;
    const names = NAMES[kind];
    ids[kind] = [];
    for (let i = 0; i < n; i++) {
      const seq = String(c * n + i + 1).padStart(6, '0');
      const id = `${names.slug}/syn-${seq}`;
      ids[kind].push(id);
      const nameZh = `${names.zh}${seq}`;
      const nameEn = `${names.en} ${seq}`;
      const props: Record<string, unknown> = {
        ...EMPTY_EVIDENCE,
        id,
        kind,
        nameZh,
        nameEn,
        searchText: `${nameZh}\n${nameEn}`,
        synthetic: true,
        cluster: neo4j.int(c),
      };
      if (kind === 'PARTNER') props.sector = pick(['internet', 'vendor', 'university', 'enterprise', 'media']);
      if (kind === 'REGION') props.level = i === 0 ? 'province' : 'city';
      if (kind === 'AWARD') props.year = neo4j.int(2020);
      entities.push({ id, label: names.label, props });
    }
  }

  const relations: RelationRow[] = [];
  const rel = (type: string, from: string, to: string) => relations.push({ id: `${type}:${from}->${to}`, type, from, to });
  const [regions, branches, programs, partners, awards] = [ids.REGION, ids.BRANCH, ids.PROGRAM, ids.PARTNER, ids.AWARD];
  // Regions form a tree under the cluster's province, which sits in a real region.
  regions.forEach((r, i) => {
    rel('LOCATED_IN', r, i === 0 ? pick(core.byKind.REGION) : (regions[Math.floor(next() * i)] as string));
  });
  branches.forEach((b, i) => {
    rel('LOCATED_IN', b, pick(regions));
    if (i > 0 && next() < 0.4) rel('BRANCH_OF', b, branches[Math.floor(next() * i)] as string);
  });
  programs.forEach((g, i) => {
    if (next() < 0.6) rel('RUNS', pick(branches), g);
    if (next() < 0.1) rel('PARTICIPATES_IN', pick(branches), g);
    if (i > 0 && next() < 0.3) rel('PART_OF', g, programs[Math.floor(next() * i)] as string);
  });
  for (const p of partners) {
    rel('PARTNERS_WITH', pick(branches), p);
    if (next() < 0.25) rel('PARTICIPATES_IN', p, pick(programs));
    // A few cooperations reach into the report's own programs.
    if (next() < 0.02) rel('PARTICIPATES_IN', p, pick(core.byKind.PROGRAM));
  }
  for (const a of awards) rel('RECEIVED', next() < 0.5 ? pick(programs) : pick(branches), a);
  // MERGE keys on the id: two picks of the same pair are one relationship.
  const unique = [...new Map(relations.map((r) => [r.id, r])).values()];
  return { entities, relations: unique };
}

const WRITE_ENTITIES = `
UNWIND $rows AS r
MERGE (n:Entity {id: r.id})
SET n = r.props
SET n:$(r.label)`;

const WRITE_RELATIONS = `
UNWIND $rows AS r
MATCH (a:Entity {id: r.from}), (b:Entity {id: r.to})
MERGE (a)-[x:$(r.type) {id: r.id}]->(b)
SET x.synthetic = true, x.evidenceLines = [], x.evidenceQuotes = [], x.evidenceSections = []`;

const DELETE_FROM = `
MATCH (n:Entity {synthetic: true}) WHERE n.cluster >= $from
WITH n LIMIT 5000
DETACH DELETE n
RETURN count(*) AS deleted`;

export interface SeedStats {
  clustersAdded: number;
  clustersRemoved: number;
  nodes: number;
  relations: number;
  seconds: number;
  nodesPerSecond: number;
  relationsPerSecond: number;
}

/** The real entity ids of each synthetic kind (synthetic ones excluded). */
export async function coreIds(driver: Driver, database: string): Promise<CoreIds> {
  const res = await driver.executeQuery(
    'MATCH (n:Entity) WHERE n.kind IN $kinds AND n.synthetic IS NULL RETURN n.kind AS kind, n.id AS id ORDER BY n.id',
    { kinds: [...SYNTHETIC_KINDS] },
    { database },
  );
  const byKind = Object.fromEntries(SYNTHETIC_KINDS.map((k) => [k, [] as string[]])) as Record<Kind, string[]>;
  for (const r of res.records) byKind[r.get('kind') as Kind].push(r.get('id') as string);
  return { byKind };
}

/** How many clusters the database holds now. */
async function clustersPresent(driver: Driver, database: string): Promise<number> {
  const res = await driver.executeQuery('MATCH (n:Entity {synthetic: true}) RETURN max(n.cluster) AS c', {}, { database });
  const c = res.records[0]?.get('c');
  return c == null ? 0 : Number(c) + 1;
}

/**
 * Brings the database to `scale` (1 = the report alone): adds the missing clusters with batched,
 * parameterised UNWIND MERGE (one transaction per batch), or deletes the clusters beyond it.
 */
export async function ensureScale(
  driver: Driver,
  database: string,
  scale: number,
  opts: { batchSize?: number; log?: (msg: string) => void } = {},
): Promise<SeedStats> {
  const want = Math.max(0, scale - 1);
  const have = await clustersPresent(driver, database);
  const log = opts.log ?? (() => {});
  const started = performance.now();
  let nodes = 0;
  let relations = 0;
  let entitySeconds = 0;
  if (have > want) {
    for (;;) {
      const res = await driver.executeQuery(DELETE_FROM, { from: neo4j.int(want) }, { database });
      if (Number(res.records[0]?.get('deleted') ?? 0) === 0) break;
    }
  } else if (have < want) {
    const core = await coreIds(driver, database);
    const size = opts.batchSize ?? 5_000;
    let entityBuffer: EntityRow[] = [];
    let relationBuffer: RelationRow[] = [];
    const flushEntities = async () => {
      if (entityBuffer.length === 0) return;
      await driver.executeQuery(WRITE_ENTITIES, { rows: entityBuffer }, { database });
      nodes += entityBuffer.length;
      entityBuffer = [];
    };
    const flushRelations = async () => {
      if (relationBuffer.length === 0) return;
      await driver.executeQuery(WRITE_RELATIONS, { rows: relationBuffer }, { database });
      relations += relationBuffer.length;
      relationBuffer = [];
    };
    // All entities first (a relation may point into a later cluster's batch), then all relations.
    for (let c = have; c < want; c++) {
      for (const e of cluster(c, core).entities) {
        entityBuffer.push(e);
        if (entityBuffer.length >= size) await flushEntities();
      }
    }
    await flushEntities();
    entitySeconds = (performance.now() - started) / 1000;
    for (let c = have; c < want; c++) {
      for (const r of cluster(c, core).relations) {
        relationBuffer.push(r);
        if (relationBuffer.length >= size) await flushRelations();
      }
      if (c % 10 === 9) log(`synthetic: ${c + 1}/${want} clusters`);
    }
    await flushRelations();
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    clustersAdded: Math.max(0, want - have),
    clustersRemoved: Math.max(0, have - want),
    nodes,
    relations,
    seconds: Math.round(seconds * 100) / 100,
    // Entities and relations are written one after the other: each rate is over its own phase.
    nodesPerSecond: entitySeconds > 0 ? Math.round(nodes / entitySeconds) : 0,
    relationsPerSecond: seconds - entitySeconds > 0 ? Math.round(relations / (seconds - entitySeconds)) : 0,
  };
}
