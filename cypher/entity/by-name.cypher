// entity/by-name: (with their relationships when $withRelations) up to $limit entities one of whose names folds to $key (src/search/names.ts), only $kinds (null = any), ranked by the documented rule: other kinds before METRIC, printed name before English name before alias, the name exactly as typed ($exact), most mentioned, id
MATCH (k:NameKey {key: $key})
WHERE $kinds IS NULL OR k.kind IN $kinds
MATCH (n:Entity {id: k.entityId})
WITH n, k
ORDER BY CASE WHEN k.kind = 'METRIC' THEN 1 ELSE 0 END, k.rank, CASE WHEN k.name = $exact THEN 0 ELSE 1 END,
         size(n.mentionLines) DESC, n.id
LIMIT toInteger($limit)
RETURN n {
  .*,
  searchText: null,
  values: CASE WHEN n:Metric THEN COLLECT { MATCH (n)-[:HAS_VALUE]->(v:MetricValue) RETURN v {.*} ORDER BY v.year } END,
  // With $withRelations, the relationships come along (as relation/by-entity-ids returns them): one round-trip less.
  relations: CASE WHEN $withRelations THEN COLLECT {
    MATCH (n)-[r]-(other:Entity)
    RETURN {
      type: type(r),
      direction: CASE WHEN startNode(r) = n THEN 'OUT' ELSE 'IN' END,
      props: properties(r),
      node: other {
        .id, .kind, .nameZh, .nameEn, .aliases, .description, .sector, .level, .jointVenture, .reference,
        .category, .title, .year, .date, .unit, .footnote, .source
      }
    } ORDER BY type(r), other.id, r.id
  } END
} AS entity, k.name AS matched, k.rank AS rank
