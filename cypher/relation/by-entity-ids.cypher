// relation/by-entity-ids: every relationship between each of $ids and another entity, both directions, with the other end's names and scalar fields (no evidence or mentions: those load by id when asked)
UNWIND $ids AS id
MATCH (e:Entity {id: id})-[r]-(other:Entity)
RETURN id AS entityId,
       type(r) AS type,
       CASE WHEN startNode(r) = e THEN 'OUT' ELSE 'IN' END AS direction,
       properties(r) AS props,
       {{slim:other}} AS node
ORDER BY entityId, type, other.id, r.id
