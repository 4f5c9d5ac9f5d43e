// metric/count: how many metrics match $category and $source (null = any), $measured (about a named entity, MEASURED_BY) and $ofKinds (the kinds of that entity; null = any)
MATCH (m:Entity {kind: 'METRIC'})
WHERE ($category IS NULL OR m.category = $category)
  AND ($source IS NULL OR m.source = $source)
  AND ($measured IS NULL OR EXISTS { (:Entity)-[:MEASURED_BY]->(m) } = $measured)
  AND ($ofKinds IS NULL OR EXISTS { MATCH (o:Entity)-[:MEASURED_BY]->(m) WHERE o.kind IN $ofKinds })
RETURN count(m) AS count
