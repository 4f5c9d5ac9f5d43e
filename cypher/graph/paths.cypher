// graph/paths: up to $first shortest paths between $from and $to of at most $maxLength hops (6 is the hard ceiling), optionally only over $types, never through $avoid ids or entities of $excludeKinds (null = any kind) other than the two ends
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
// The node filter sits inside the shortest-path search (checked as it expands), so excluding hubs keeps it bounded.
MATCH p = allShortestPaths((a)-[*..6]-(b))
WHERE all(n IN nodes(p) WHERE n:Entity AND (n = a OR n = b OR (NOT n.id IN $avoid AND ($excludeKinds IS NULL OR NOT n.kind IN $excludeKinds))))
  AND ($types IS NULL OR all(r IN relationships(p) WHERE type(r) IN $types))
// Filtered after the search: as a search predicate, a failing length test makes Neo4j fall back to
// enumerating every path up to 6 hops (seconds instead of milliseconds).
WITH p WHERE length(p) <= $maxLength
RETURN [n IN nodes(p) | n {.*, searchText: null}] AS nodes,
       [r IN relationships(p) | {id: r.id, source: startNode(r).id, target: endNode(r).id, type: type(r), year: r.year, label: r.label}] AS edges
LIMIT toInteger($first)
