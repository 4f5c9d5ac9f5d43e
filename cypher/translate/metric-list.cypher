// translate/metric-list: a page ($offset, $limit) of metrics of $category and $source (null = any), the KPI table rows first (as metric/list orders them), each projected as the request asks (slot n)
MATCH (n:Entity {kind: 'METRIC'})
WHERE ($category IS NULL OR n.category = $category)
  AND ($source IS NULL OR n.source = $source)
WITH n
ORDER BY CASE n.source WHEN 'kpi-table' THEN 0 ELSE 1 END, n.id
SKIP toInteger($offset)
LIMIT toInteger($limit)
RETURN {{n}} AS entity
