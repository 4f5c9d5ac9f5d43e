// graph/neighborhood: one breadth-first hop: entities linked to any of $frontier (optionally only by $types), excluding $seen, at most $limit, as {entity}
UNWIND $frontier AS id
MATCH (:Entity {id: id})-[r]-(b:Entity)
WHERE ($types IS NULL OR type(r) IN $types) AND NOT b.id IN $seen
WITH DISTINCT b
RETURN b {.*, searchText: null} AS entity
ORDER BY COUNT { (b)--(:Entity) } DESC, b.id
LIMIT toInteger($limit)
