// translate/by-name: up to $limit entities one of whose names folds to $key (src/search/names.ts), only $kinds (null = any), ranked as entity/by-name ranks them, as {entity (slot n: the request's projection), matched, rank}
MATCH (k:NameKey {key: $key})
WHERE $kinds IS NULL OR k.kind IN $kinds
MATCH (n:Entity {id: k.entityId})
WITH n, k
ORDER BY CASE WHEN k.kind = 'METRIC' THEN 1 ELSE 0 END, k.rank, CASE WHEN k.name = $exact THEN 0 ELSE 1 END,
         size(n.mentionLines) DESC, n.id
LIMIT toInteger($limit)
RETURN {{n}} AS entity, k.name AS matched, k.rank AS rank
