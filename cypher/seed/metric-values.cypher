// seed/metric-values: MERGEs yearly values from $rows [{id, metricId, props}] and links them to their metric
UNWIND $rows AS r
MATCH (m:Metric {id: r.metricId})
MERGE (v:MetricValue {id: r.id})
SET v = r.props, v.id = r.id, v.metricId = r.metricId
MERGE (m)-[:HAS_VALUE]->(v)
