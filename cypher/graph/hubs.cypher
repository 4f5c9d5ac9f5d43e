// graph/hubs: the ids of entities with more than $maxDegree relationships to other entities (the hubs a path or neighbourhood may avoid), as {id}
MATCH (n:Entity)
WHERE COUNT { (n)--(:Entity) } > $maxDegree
RETURN n.id AS id
ORDER BY id
