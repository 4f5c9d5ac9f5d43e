// seed/prune: deletes what an earlier seed wrote that the current data no longer has ($entityIds, $relationIds, $valueIds, $nameKeyIds, $sentenceIds)
CALL {
  MATCH (n:Entity) WHERE NOT n.id IN $entityIds
  DETACH DELETE n
}
CALL {
  MATCH (:Entity)-[r]->(:Entity) WHERE r.id IS NOT NULL AND NOT r.id IN $relationIds
  DELETE r
}
CALL {
  MATCH (v:MetricValue) WHERE NOT v.id IN $valueIds
  DETACH DELETE v
}
CALL {
  MATCH (k:NameKey) WHERE NOT k.id IN $nameKeyIds
  DELETE k
}
CALL {
  MATCH (s:Sentence) WHERE NOT s.id IN $sentenceIds
  DELETE s
}
RETURN 1 AS done
