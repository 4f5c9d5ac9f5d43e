// export/relations: the next page of relationships after id $after (ordered by id), at most $limit, only $types and with both ends of $kinds (null = all), as {id, source, target, sourceKind, targetKind, type, props}
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.id > $after
  AND ($types IS NULL OR type(r) IN $types)
  AND ($kinds IS NULL OR (a.kind IN $kinds AND b.kind IN $kinds))
RETURN r.id AS id, a.id AS source, b.id AS target, a.kind AS sourceKind, b.kind AS targetKind, type(r) AS type, properties(r) AS props
ORDER BY r.id
LIMIT toInteger($limit)
