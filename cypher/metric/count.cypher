// metric/count: how many metrics match $category and $source (null = any)
MATCH (m:Entity {kind: 'METRIC'})
WHERE ($category IS NULL OR m.category = $category)
  AND ($source IS NULL OR m.source = $source)
RETURN count(m) AS count
