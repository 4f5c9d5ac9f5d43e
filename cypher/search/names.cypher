// search/names: a search's two look-ups in one round-trip, as one row {exact, hits}: exact = the entities (at most $exactLimit, only $kinds, null = any) one of whose names folds to $key (src/search/names.ts), ranked as translate/by-name ranks them, each {entity, matched, rank}; hits = the entities matching the escaped Lucene query $lucene (null: none) on the 'cjk' name index, only $kinds, at most $limit, each {entity, score}, best first; each entity projected as slot n says (src/schema/search.ts: its names, for the ranking, and the properties the request asks for)
CALL () {
  MATCH (k:NameKey {key: $key})
  WHERE $kinds IS NULL OR k.kind IN $kinds
  MATCH (n:Entity {id: k.entityId})
  WITH n, k
  ORDER BY CASE WHEN k.kind = 'METRIC' THEN 1 ELSE 0 END, k.rank, CASE WHEN k.name = $exact THEN 0 ELSE 1 END,
           size(n.mentionLines) DESC, n.id
  LIMIT toInteger($exactLimit)
  RETURN collect({entity: {{n}}, matched: k.name, rank: k.rank}) AS exact
}
CALL () {
  // A collect over no rows is one row with an empty list: a null $lucene (a query too short for the
  // bigram index) yields hits = [].
  WITH $lucene AS lucene WHERE lucene IS NOT NULL
  CALL db.index.fulltext.queryNodes('entity_names', lucene, {limit: toInteger($limit)}) YIELD node AS n, score
  WITH n, score WHERE $kinds IS NULL OR n.kind IN $kinds
  ORDER BY score DESC, n.id
  RETURN collect({entity: {{n}}, score: score}) AS hits
}
RETURN exact, hits
