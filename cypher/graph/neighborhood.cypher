// graph/neighborhood: one breadth-first hop: entities linked to any of $frontier (optionally only by $types), excluding $seen, $avoid and entities of $excludeKinds (null = any), at most $limit, as {entity}
UNWIND $frontier AS id
MATCH (:Entity {id: id})-[r]-(b:Entity)
WHERE ($types IS NULL OR type(r) IN $types) AND NOT b.id IN $seen AND NOT b.id IN $avoid
  AND ($excludeKinds IS NULL OR NOT b.kind IN $excludeKinds)
WITH DISTINCT b
RETURN b {.*, searchText: null} AS entity
ORDER BY COUNT { (b)--(:Entity) } DESC, b.id
LIMIT toInteger($limit)
