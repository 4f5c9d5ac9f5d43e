// export/metric-values: the next page of yearly metric values after value id $after (ordered by id), at most $limit, only $categories (null = all), as {metric, value}
MATCH (m:Metric)-[:HAS_VALUE]->(v:MetricValue)
WHERE v.id > $after AND ($categories IS NULL OR m.category IN $categories)
RETURN properties(m) AS metric, properties(v) AS value
ORDER BY v.id
LIMIT toInteger($limit)
