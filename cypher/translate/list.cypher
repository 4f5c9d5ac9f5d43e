// translate/list: a page ($offset, $limit) of the entities of $kinds matching the filter of EntityWhere (each other parameter null = any; the filter is the same text in translate/count and translate/aggregate), ordered by the sort keys of slot keys as slot order says (both generated from EntitySort enum values, ties by id), each projected as the request asks (slot n)
UNWIND $kinds AS kind
MATCH (n:Entity {kind: kind})
WHERE ($sectors IS NULL OR n.sector IN $sectors)
  AND ($levels IS NULL OR n.level IN $levels)
  AND ($categories IS NULL OR n.category IN $categories)
  AND ($source IS NULL OR n.source = $source)
  AND ($yearMin IS NULL OR n.year >= $yearMin)
  AND ($yearMax IS NULL OR n.year <= $yearMax)
  AND ($contains IS NULL OR any(q IN $contains WHERE toLower(n.searchText) CONTAINS q))
  AND ($startsWith IS NULL OR any(q IN $startsWith WHERE any(name IN [n.nameZh, coalesce(n.nameEn, '')] + coalesce(n.aliases, []) WHERE toLower(name) STARTS WITH q)))
  AND ($hasRelation IS NULL OR EXISTS { MATCH (n)-[r]-(:Entity) WHERE type(r) IN $hasRelation })
  AND ($locatedIn IS NULL
       OR EXISTS { MATCH (n)-[:LOCATED_IN]->{1,4}(:Entity {id: $locatedIn}) }
       OR EXISTS { MATCH (n)<-[:RUNS|PARTICIPATES_IN|OFFERS]-(:Branch)-[:LOCATED_IN]->{1,4}(:Entity {id: $locatedIn}) })
WITH n, CASE WHEN $degreeMin IS NULL AND $degreeMax IS NULL THEN null ELSE COUNT { (n)--(:Entity) } END AS degree
WHERE ($degreeMin IS NULL OR degree >= $degreeMin) AND ($degreeMax IS NULL OR degree <= $degreeMax)
WITH n{{keys}}
ORDER BY {{order}}
SKIP toInteger($offset)
LIMIT toInteger($limit)
// Project only the page: the subqueries of the projection run for these rows alone.
RETURN {{n}} AS entity
