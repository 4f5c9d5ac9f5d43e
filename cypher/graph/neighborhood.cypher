// graph/neighborhood: the breadth-first neighbourhood of $id in ONE statement, as one row {nodes, edges, truncated} (no row when $id names nothing): up to $depth (1–3) hops over relationships of $types (null = any) derived as one of $derivations (STATED | RULE | INFERRED; null = any, none recorded counts as STATED), never entering $avoid ids or entities of $excludeKinds (null = any), the best-connected first within each hop, at most $limit nodes with the centre first (each projected as slot n says: the properties the request asks for, src/translate recordFill); edges: every relationship among them of those types and derivations ({id, source, target, type, year, label, derivation, rule, and slot e: their evidence when asked for}); truncated: whether a hop had more than room left
// Each hop fetches at most $limit candidates (LIMIT takes no variable, so the room left is cut after),
// so the work is bounded by depth × limit whatever the hubs.
MATCH (c:Entity {id: $id})
CALL (c) {
  MATCH (c)-[r]-(b:Entity)
  WHERE ($types IS NULL OR type(r) IN $types)
    AND ($derivations IS NULL OR coalesce(r.derivation, 'STATED') IN $derivations) AND b <> c AND NOT b.id IN $avoid
    AND ($excludeKinds IS NULL OR NOT b.kind IN $excludeKinds)
  WITH DISTINCT b
  ORDER BY COUNT { (b)--(:Entity) } DESC, b.id
  LIMIT toInteger($limit)
  RETURN collect(b) AS hop1
}
WITH c, hop1, $limit - 1 AS room1
WITH c, hop1[0..room1] AS h1, room1 > 0 AND size(hop1) > room1 AS t1, $limit - 1 - size(hop1[0..room1]) AS room2
CALL (c, h1, room2) {
  UNWIND CASE WHEN $depth >= 2 AND room2 > 0 THEN h1 ELSE [] END AS f
  MATCH (f)-[r]-(b:Entity)
  WHERE ($types IS NULL OR type(r) IN $types)
    AND ($derivations IS NULL OR coalesce(r.derivation, 'STATED') IN $derivations) AND b <> c AND NOT b IN h1 AND NOT b.id IN $avoid
    AND ($excludeKinds IS NULL OR NOT b.kind IN $excludeKinds)
  WITH DISTINCT b
  ORDER BY COUNT { (b)--(:Entity) } DESC, b.id
  LIMIT toInteger($limit)
  RETURN collect(b) AS hop2
}
WITH c, h1, t1, room2, hop2[0..room2] AS h2, room2 > 0 AND size(hop2) > room2 AS t2
WITH c, h1, h2, t1 OR t2 AS t12, room2 - size(h2) AS room3
CALL (c, h1, h2, room3) {
  UNWIND CASE WHEN $depth >= 3 AND room3 > 0 THEN h2 ELSE [] END AS f
  MATCH (f)-[r]-(b:Entity)
  WHERE ($types IS NULL OR type(r) IN $types)
    AND ($derivations IS NULL OR coalesce(r.derivation, 'STATED') IN $derivations) AND b <> c AND NOT b IN h1 AND NOT b IN h2 AND NOT b.id IN $avoid
    AND ($excludeKinds IS NULL OR NOT b.kind IN $excludeKinds)
  WITH DISTINCT b
  ORDER BY COUNT { (b)--(:Entity) } DESC, b.id
  LIMIT toInteger($limit)
  RETURN collect(b) AS hop3
}
WITH [c] + h1 + h2 + hop3[0..room3] AS nodes, t12 OR (room3 > 0 AND size(hop3) > room3) AS truncated
CALL (nodes) {
  UNWIND nodes AS a
  MATCH (a)-[r]->(b:Entity)
  WHERE b IN nodes AND ($types IS NULL OR type(r) IN $types)
    AND ($derivations IS NULL OR coalesce(r.derivation, 'STATED') IN $derivations)
  WITH r, a, b
  ORDER BY type(r), a.id, b.id, r.id
  RETURN collect({id: r.id, source: a.id, target: b.id, type: type(r), year: r.year, label: r.label, derivation: r.derivation, rule: r.rule{{e}}}) AS edges
}
RETURN [n IN nodes | {{n}}] AS nodes, edges, truncated
