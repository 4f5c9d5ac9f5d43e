// graph/edges-among: every relationship between two entities of $ids (optionally only $types), as flat edges {id, source, target, type, year}
MATCH (a:Entity)-[r]->(b:Entity)
WHERE a.id IN $ids AND b.id IN $ids AND ($types IS NULL OR type(r) IN $types)
RETURN r.id AS id, a.id AS source, b.id AS target, type(r) AS type, r.year AS year, r.label AS label
ORDER BY type, source, target, id
