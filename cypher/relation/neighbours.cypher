// relation/neighbours: for each of $ids, its relationships of $types in $direction (OUT | IN | BOTH) whose other end is of $kinds (null = any), with the other end's names and scalar fields
UNWIND $ids AS id
MATCH (e:Entity {id: id})-[r:$any($types)]-(other:Entity)
WHERE ($direction = 'BOTH' OR (startNode(r) = e) = ($direction = 'OUT'))
  AND ($kinds IS NULL OR other.kind IN $kinds)
RETURN id AS entityId,
       type(r) AS type,
       CASE WHEN startNode(r) = e THEN 'OUT' ELSE 'IN' END AS direction,
       properties(r) AS props,
       {{slim:other}} AS node
ORDER BY entityId, type, other.id, props.id
