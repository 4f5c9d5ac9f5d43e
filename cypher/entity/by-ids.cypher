// entity/by-ids: the entity for each of $ids that exists, in any order, as {entity}; a metric comes with its yearly values
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n {
  .*,
  searchText: null,
  values: CASE WHEN n:Metric THEN COLLECT { MATCH (n)-[:HAS_VALUE]->(v:MetricValue) RETURN v {.*} ORDER BY v.year } END
} AS entity
