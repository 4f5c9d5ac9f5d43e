import { createServer } from 'node:http';
import neo4j from 'neo4j-driver';

const HELP = `Usage: NEO4J_URI=bolt://... PORT=4102 tsx bench/floor.ts

The benchmark's floor: POST /op/<name> with the parameters as a JSON body runs ONE hand-written Cypher
statement with neo4j-driver (auto-commit, READ session) and answers {rows}. No GraphQL, no validation: what the database alone costs
plus one HTTP hop. Prints "READY <url>" once it listens. Started by bench/run.ts.`;

// tsx turns source maps on for its TypeScript; neo4j-driver formats a call-site stack for every statement,
// through them when on (~7 % of a process's CPU under load). Users of a driver or of @neo4j/graphql run
// compiled JavaScript without them: the floor and the peer run so too.
process.setSourceMapsEnabled(false);

if (process.argv.includes('--help')) {
  console.log(HELP);
  process.exit(0);
}

/** One statement per operation of bench/ops.ts, returning the rows its canonical form reads. */
export const FLOOR_CYPHER: Record<string, string> = {
  entityByName: `
    MATCH (n:Entity {nameZh: $name})
    WITH n ORDER BY n.id LIMIT 1
    RETURN n.id AS id, n.kind AS kind, n.nameZh AS nameZh, n.nameEn AS nameEn,
           [(n)-[r]-(o:Entity) | {type: type(r), direction: CASE WHEN startNode(r) = n THEN 'OUT' ELSE 'IN' END,
                                  otherId: o.id, otherKind: o.kind, otherNameZh: o.nameZh}] AS relations`,
  partnerPrograms: `
    MATCH (p:Partner)
    WITH p ORDER BY p.id SKIP toInteger($offset) LIMIT toInteger($first)
    RETURN p.id AS id, p.nameZh AS nameZh,
           COLLECT { MATCH (p)-[:PARTICIPATES_IN|RUNS]->(g:Program) WITH DISTINCT g
                     RETURN {id: g.id, nameZh: g.nameZh,
                             branches: [(g)<-[:RUNS|PARTICIPATES_IN]-(b:Branch) | {id: b.id, nameZh: b.nameZh}]} } AS programs`,
  searchZh: `
    CALL db.index.fulltext.queryNodes('entity_names', $lucene, {limit: toInteger($limit)}) YIELD node, score
    RETURN node.id AS id, node.kind AS kind, node.nameZh AS nameZh, score`,
  neighbourhood: `
    MATCH (c:Entity {id: $id})
    OPTIONAL MATCH (c)--(h1:Entity)
    WITH c, collect(DISTINCT h1) AS hop1
    UNWIND hop1 + [c] AS x
    OPTIONAL MATCH (x)--(h2:Entity) WHERE $depth >= 2
    WITH c, hop1, collect(DISTINCT h2) AS hop2
    UNWIND [c] + hop1 + hop2 AS n
    WITH collect(DISTINCT n) AS ns
    RETURN [n IN ns | {id: n.id, kind: n.kind, nameZh: n.nameZh}] AS nodes,
           COLLECT { UNWIND ns AS a MATCH (a)-[r]->(b:Entity) WHERE b IN ns
                     RETURN {id: r.id, source: a.id, target: b.id, type: type(r)} } AS edges`,
  metricSeries: `
    MATCH (m:Entity:Metric {id: $id})
    RETURN m.id AS id, m.nameZh AS nameZh, m.unit AS unit,
           COLLECT { MATCH (m)-[:HAS_VALUE]->(v:MetricValue) RETURN {year: v.year, value: v.value, printed: v.printed} ORDER BY v.year } AS values`,
  path: `
    MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
    MATCH p = allShortestPaths((a)-[*..6]-(b))
    WHERE length(p) <= $maxLength
    RETURN [n IN nodes(p) | n.id] AS nodeIds,
           [r IN relationships(p) | {id: r.id, source: startNode(r).id, target: endNode(r).id, type: type(r)}] AS edges
    LIMIT toInteger($first)`,
  filteredList: `
    MATCH (p:Partner)
    WHERE p.sector IN $sectors AND COUNT { (p)--(:Entity) } >= $minDegree
    WITH p, COUNT { MATCH (p)--(g:Program) RETURN DISTINCT g } AS programs
    ORDER BY programs DESC, p.id
    LIMIT toInteger($first)
    RETURN p.id AS id, p.nameZh AS nameZh, p.sector AS sector`,
  aggregation: `
    MATCH (r:Entity {id: $region})
    CALL (r) {
      MATCH (n:Entity)-[:LOCATED_IN*1..]->(r) RETURN n
      UNION
      MATCH (n:Entity)<-[:RUNS|PARTICIPATES_IN|OFFERS]-(:Branch)-[:LOCATED_IN*1..]->(r) WHERE n.kind IN ['PROGRAM', 'PRODUCT'] RETURN n
    }
    WITH n.kind AS key, count(DISTINCT n) AS count
    ORDER BY count DESC, key
    RETURN coalesce(sum(count), 0) AS count, collect({key: key, count: count}) AS groups`,
  nestedRegions: `
    MATCH (p:Partner) WHERE p.sector IN $sectors
    WITH p ORDER BY p.id LIMIT toInteger($first)
    RETURN p.id AS id, p.nameZh AS nameZh,
           COLLECT { MATCH (p)-[:PARTICIPATES_IN|RUNS]->(g:Program) WITH DISTINCT g
                     RETURN {id: g.id, nameZh: g.nameZh,
                             branches: COLLECT { MATCH (g)<-[:RUNS|PARTICIPATES_IN]-(b:Branch) WITH DISTINCT b
                                                 RETURN {id: b.id, nameZh: b.nameZh,
                                                         region: COLLECT { MATCH (b)-[:LOCATED_IN]->(x:Region)
                                                                           RETURN {id: x.id, nameZh: x.nameZh, level: x.level}
                                                                           ORDER BY x.id LIMIT 1 }[0]} }} } AS programs`,
};
FLOOR_CYPHER.searchEn = FLOOR_CYPHER.searchZh as string;

const isMain = process.argv[1]?.endsWith('floor.ts');
if (isMain) {
  const uri = process.env.NEO4J_URI;
  const port = Number(process.env.PORT ?? 4102);
  if (!uri) throw new Error('Set NEO4J_URI');
  const driver = neo4j.driver(uri, undefined, { disableLosslessIntegers: true, userAgent: 'unicom-kg-bench-floor' });
  const server = createServer(async (req, res) => {
    const name = req.url?.startsWith('/op/') ? req.url.slice(4) : '';
    const cypher = FLOOR_CYPHER[name];
    if (req.method !== 'POST' || !cypher) {
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    try {
      const params = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      // The cheapest correct use of the driver: one auto-commit statement in a READ session (executeQuery's
      // managed transaction adds BEGIN and COMMIT), as our server runs its statements.
      const session = driver.session({ database: 'neo4j', defaultAccessMode: neo4j.session.READ });
      let records: { toObject(): Record<string, unknown> }[];
      try {
        records = (await session.run(cypher, params)).records;
      } finally {
        await session.close();
      }
      const body = JSON.stringify({ rows: records.map((r) => r.toObject()) });
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    } catch (err) {
      res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: (err as Error).message }));
    }
  });
  server.listen(port, '127.0.0.1', () => console.log(`READY http://127.0.0.1:${port}/op`));
  process.on('SIGTERM', () => {
    server.closeAllConnections();
    server.close();
    void driver.close().then(() => process.exit(0));
  });
}
