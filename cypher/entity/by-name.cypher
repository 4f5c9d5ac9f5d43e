// entity/by-name: up to $limit entities (slim: names and scalar fields) one of whose names folds to $key (src/search/names.ts), only $kinds (null = any), ranked by the documented rule: other kinds before METRIC, printed name before English name before alias, the name exactly as typed ($exact), most mentioned, id
MATCH (k:NameKey {key: $key})
WHERE $kinds IS NULL OR k.kind IN $kinds
MATCH (n:Entity {id: k.entityId})
WITH n, k
ORDER BY CASE WHEN k.kind = 'METRIC' THEN 1 ELSE 0 END, k.rank, CASE WHEN k.name = $exact THEN 0 ELSE 1 END,
         size(n.mentionLines) DESC, n.id
LIMIT toInteger($limit)
// Names and scalar fields only (search ranks by them; it fetches its top hits as the client asks).
RETURN {{slim:n}} AS entity, k.name AS matched, k.rank AS rank
