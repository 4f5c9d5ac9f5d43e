// export/entities: the next page of entities after id $after (ordered by id), at most $limit, only $kinds (null = all), as {entity, degree}
MATCH (n:Entity)
WHERE n.id > $after AND ($kinds IS NULL OR n.kind IN $kinds)
RETURN properties(n) AS entity, COUNT { (n)--(:Entity) } AS degree
ORDER BY n.id
LIMIT toInteger($limit)
