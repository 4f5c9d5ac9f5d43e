// metric/list: a page ($offset, $limit) of metrics, optionally only those of $category and $source, KPI table first, then by id
MATCH (m:Metric)
WHERE ($category IS NULL OR m.category = $category)
  AND ($source IS NULL OR m.source = $source)
RETURN properties(m) AS entity
ORDER BY CASE m.source WHEN 'kpi-table' THEN 0 ELSE 1 END, m.id
SKIP toInteger($offset)
LIMIT toInteger($limit)
