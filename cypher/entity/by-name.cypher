// entity/by-name: (with their relationships when $withRelations) entities whose name, English name or an alias equals one of $names (exact) or $lower (case-insensitive), best first; $phrase is the escaped Lucene phrase query of $names, which narrows the search through the 'entity_names' index
CALL db.index.fulltext.queryNodes('entity_names', $phrase, {limit: 100}) YIELD node AS n
WHERE n.nameZh IN $names
   OR toLower(n.nameEn) IN $lower
   OR any(a IN n.aliases WHERE a IN $names OR toLower(a) IN $lower)
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
} AS entity,
       CASE WHEN n.nameZh IN $names OR toLower(n.nameEn) IN $lower THEN 0 ELSE 1 END AS rank
ORDER BY rank, size(n.mentionLines) DESC, n.id
LIMIT 5
