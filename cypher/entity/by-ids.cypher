// entity/by-ids: the entity for each of $ids that exists, in any order, as {entity}
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN properties(n) AS entity
