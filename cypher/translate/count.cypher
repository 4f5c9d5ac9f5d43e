// translate/count: how many entities of $kinds match the filter of EntityWhere (the same text as translate/list), as {count}
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
RETURN count(n) AS count
