// graph/neighborhood: one breadth-first hop: entities linked to any of $frontier (optionally only by $types), excluding $seen, $avoid and entities of $excludeKinds (null = any), at most $limit, as {entity}: slim (names and scalar fields; evidence and mentions are loaded by id when asked for)
UNWIND $frontier AS id
MATCH (:Entity {id: id})-[r]-(b:Entity)
WHERE ($types IS NULL OR type(r) IN $types) AND NOT b.id IN $seen AND NOT b.id IN $avoid
  AND ($excludeKinds IS NULL OR NOT b.kind IN $excludeKinds)
WITH DISTINCT b
// Slim records: a neighbourhood of 1,000 full records (evidence, mention lists) cost the server more to
// convert than Neo4j to find.
RETURN {{slim:b}} AS entity
ORDER BY COUNT { (b)--(:Entity) } DESC, b.id
LIMIT toInteger($limit)
