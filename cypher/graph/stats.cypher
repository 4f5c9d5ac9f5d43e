// graph/stats: entities per kind, relationships per type and other nodes, as rows {what: kind|relation|node, name, count}
CALL {
  MATCH (n:Entity) RETURN 'kind' AS what, n.kind AS name, count(*) AS count
  UNION ALL
  MATCH (:Entity)-[r]->(:Entity) RETURN 'relation' AS what, type(r) AS name, count(*) AS count
  UNION ALL
  MATCH (v:MetricValue) RETURN 'node' AS what, 'MetricValue' AS name, count(*) AS count
  UNION ALL
  MATCH (l:Line) RETURN 'node' AS what, 'Line' AS name, count(*) AS count
  UNION ALL
  MATCH (s:Section) RETURN 'node' AS what, 'Section' AS name, count(*) AS count
  UNION ALL
  MATCH (s:Sentence) RETURN 'node' AS what, 'Sentence' AS name, count(*) AS count
}
RETURN what, name, count ORDER BY what, name
