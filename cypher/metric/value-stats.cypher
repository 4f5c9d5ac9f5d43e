// metric/value-stats: yearly metric values of $metrics, $categories (null = any) in years $yearMin..$yearMax (null = open), grouped by $groupBy (YEAR | METRIC | CATEGORY), as {key, count, sum, min, max, avg} by key (sum/min/max/avg over the values that are numbers)
MATCH (m:Entity:Metric)-[:HAS_VALUE]->(v:MetricValue)
WHERE ($metrics IS NULL OR m.id IN $metrics)
  AND ($categories IS NULL OR m.category IN $categories)
  AND ($yearMin IS NULL OR v.year >= $yearMin)
  AND ($yearMax IS NULL OR v.year <= $yearMax)
WITH CASE $groupBy WHEN 'YEAR' THEN toString(v.year) WHEN 'METRIC' THEN m.id ELSE coalesce(m.category, '') END AS key, v.value AS value
RETURN key, count(*) AS count, sum(value) AS sum, min(value) AS min, max(value) AS max, avg(value) AS avg
ORDER BY key
LIMIT 1000
