// entity/check-ids: for each of $checks ({id, keys, prefix, lucene}, from idLookup in src/search/text.ts), one row {id, kind, suggestions}: kind is the kind of the entity with that id, or null when there is none; then suggestions are up to $limit entities {id, kind, nameZh, nameEn, matched}, best first: those whose id has the same kind part (c.prefix, e.g. "region/") before others, then a name or alias folding to one of c.keys (NameKey: "tibet" finds region/xizang through its alias Tibet; matched is that name), then ids starting with c.id, then full-text hits of the escaped Lucene query c.lucene on the names, by score
UNWIND $checks AS c
OPTIONAL MATCH (e:Entity {id: c.id})
CALL (c, e) {
  // Only unknown ids look for suggestions; a known one yields no rows here, and so suggestions = [].
  WITH c, e WHERE e IS NULL
  CALL (c) {
    UNWIND c.keys AS key
    MATCH (k:NameKey {key: key})
    MATCH (n:Entity {id: k.entityId})
    RETURN n, k.name AS matched, 0 AS tier, toFloat(k.rank) AS score
    UNION ALL
    MATCH (n:Entity)
    WHERE n.id STARTS WITH c.id
    RETURN n, null AS matched, 1 AS tier, 0.0 AS score
    UNION ALL
    WITH c WHERE c.lucene IS NOT NULL
    CALL db.index.fulltext.queryNodes('entity_names', c.lucene, {limit: 10}) YIELD node, score
    RETURN node AS n, null AS matched, 2 AS tier, -score AS score
  }
  WITH n, matched, tier, score, CASE WHEN n.id STARTS WITH c.prefix THEN 0 ELSE 1 END AS own
  ORDER BY own, tier, score, n.id
  // One row per entity, its best reason kept.
  WITH n, collect({own: own, tier: tier, score: score, matched: matched})[0] AS best
  ORDER BY best.own, best.tier, best.score, n.id
  LIMIT toInteger($limit)
  RETURN collect({id: n.id, kind: n.kind, nameZh: n.nameZh, nameEn: n.nameEn, matched: best.matched}) AS suggestions
}
RETURN c.id AS id, e.kind AS kind, suggestions
