// graph/paths-filtered: up to $first shortest paths between $from and $to of at most $maxLength hops (6 is the hard ceiling), optionally only over relationships of $types and derived as one of $derivations (null = any; none recorded counts as STATED), never through $avoid ids or entities of $excludeKinds (null = any kind) other than the two ends; nodes projected as slot n says (the properties the request asks for, src/translate recordFill); edges {id, source, target, type, year, label, derivation, rule} plus what slot e adds (evidence lists and sentences, when asked for)
// Bounded: ALL SHORTEST runs one breadth-first search from both ends with the type, derivation, avoid and kind filters
// inside the pattern, so an impossible filter costs one search of the 6-hop neighbourhood, never an
// enumeration of every path (what allShortestPaths with a WHERE falls back to).
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = ALL SHORTEST (a) (()-[r WHERE ($types IS NULL OR type(r) IN $types) AND ($derivations IS NULL OR coalesce(r.derivation, 'STATED') IN $derivations)]-(x:Entity WHERE x = b OR (NOT x.id IN $avoid AND ($excludeKinds IS NULL OR NOT x.kind IN $excludeKinds)))){1,6} (b)
WITH p WHERE length(p) <= $maxLength
RETURN [n IN nodes(p) | {{n}}] AS nodes,
       [r IN relationships(p) | {id: r.id, source: startNode(r).id, target: endNode(r).id, type: type(r), year: r.year, label: r.label, derivation: r.derivation, rule: r.rule{{e}}}] AS edges
LIMIT toInteger($first)
