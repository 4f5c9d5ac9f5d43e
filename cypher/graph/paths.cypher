// graph/paths: up to $first shortest paths between $from and $to of at most $maxLength hops (6 is the hard ceiling), over every relationship type and through any entity (graph/paths-filtered takes filters); nodes projected as slot n says (the properties the request asks for, src/translate recordFill); edges {id, source, target, type, year, label, derivation, rule} plus what slot e adds (evidence lists and sentences, when asked for)
// Bounded: allShortestPaths is one bidirectional breadth-first search, cut at 6 hops; with no predicate on
// the path it never falls back to enumerating paths.
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = allShortestPaths((a)-[*..6]-(b))
WITH p WHERE length(p) <= $maxLength
RETURN [n IN nodes(p) | {{n}}] AS nodes,
       [r IN relationships(p) | {id: r.id, source: startNode(r).id, target: endNode(r).id, type: type(r), year: r.year, label: r.label, derivation: r.derivation, rule: r.rule{{e}}}] AS edges
LIMIT toInteger($first)
