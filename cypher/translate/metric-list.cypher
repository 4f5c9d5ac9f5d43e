// translate/metric-list: a page ($offset, $limit) of metrics of $category and $source (null = any), measured or not ($measured: about a named entity, MEASURED_BY) and about an entity of $ofKinds (null = any), the KPI table rows first (as metric/list orders them), each projected as the request asks (slot n)
MATCH (n:Entity {kind: 'METRIC'})
WHERE ($category IS NULL OR n.category = $category)
  AND ($source IS NULL OR n.source = $source)
  AND ($measured IS NULL OR EXISTS { (:Entity)-[:MEASURED_BY]->(n) } = $measured)
  AND ($ofKinds IS NULL OR EXISTS { MATCH (o:Entity)-[:MEASURED_BY]->(n) WHERE o.kind IN $ofKinds })
WITH n
ORDER BY CASE n.source WHEN 'kpi-table' THEN 0 ELSE 1 END, n.id
SKIP toInteger($offset)
LIMIT toInteger($limit)
RETURN {{n}} AS entity
