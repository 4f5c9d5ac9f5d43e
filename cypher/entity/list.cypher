// entity/list: a page ($offset, $limit) of entities (with their relationships when $withRelations) of $kinds (every kind when the caller wants all) filtered by $sector, $level, $year, $category (null = any), ordered by $order (NAME | DEGREE | MENTIONS | ID)
UNWIND $kinds AS kind
MATCH (n:Entity {kind: kind})
WHERE ($sector IS NULL OR n.sector = $sector)
  AND ($level IS NULL OR n.level = $level)
  AND ($year IS NULL OR n.year = $year)
  AND ($category IS NULL OR n.category = $category)
WITH n, CASE WHEN $order = 'DEGREE' THEN COUNT { (n)--(:Entity) } ELSE 0 END AS degree
ORDER BY
  CASE WHEN $order = 'DEGREE' THEN degree END DESC,
  CASE WHEN $order = 'MENTIONS' THEN size(n.mentionLines) END DESC,
  CASE WHEN $order = 'NAME' THEN coalesce(toLower(n.nameEn), n.nameZh) END,
  n.id
SKIP toInteger($offset)
LIMIT toInteger($limit)
// Project only the page: the subqueries below run for these rows alone.
// Names and scalar fields only: evidence and mention lines load by id when a client asks for them.
RETURN n {
  .id, .kind, .nameZh, .nameEn, .aliases, .description, .sector, .level, .jointVenture, .reference,
  .category, .title, .year, .date, .unit, .footnote, .source,
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
} AS entity
