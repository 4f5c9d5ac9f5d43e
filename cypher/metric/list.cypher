// metric/list: a page ($offset, $limit) of metrics with their yearly values, optionally only those of $category and $source, KPI table first, then by id
MATCH (m:Entity {kind: 'METRIC'})
WHERE ($category IS NULL OR m.category = $category)
  AND ($source IS NULL OR m.source = $source)
RETURN m {
  .*,
  searchText: null,
  values: COLLECT { MATCH (m)-[:HAS_VALUE]->(v:MetricValue) RETURN v {.*} ORDER BY v.year }
} AS entity
ORDER BY CASE m.source WHEN 'kpi-table' THEN 0 ELSE 1 END, m.id
SKIP toInteger($offset)
LIMIT toInteger($limit)
