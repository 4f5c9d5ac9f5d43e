// metric/values-by-ids: the yearly values of each metric in $ids, as {metricId, value}, oldest first
UNWIND $ids AS id
MATCH (:Entity {id: id})-[:HAS_VALUE]->(v:MetricValue)
RETURN id AS metricId, properties(v) AS value
ORDER BY metricId, v.year
