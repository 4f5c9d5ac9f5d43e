// entity/by-ids: the entity for each of $ids that exists, in any order, as {entity, values}: its whole record (src/model RECORD_PROPERTIES: names, scalar fields, evidence; not the mention lists or search text, which no resolver reads from it), and a metric's yearly values (null for other kinds)
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN {{record:n}} AS entity,
       CASE WHEN n:Metric THEN COLLECT { MATCH (n)-[:HAS_VALUE]->(v:MetricValue) RETURN v {.*} ORDER BY v.year } END AS values
