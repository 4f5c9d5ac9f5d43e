// theme/partners: for each theme of $ids, the partners working on it: ABOUT it themselves, or taking part in (PARTICIPATES_IN, CO_FOUNDED, PUBLISHED, ORGANIZED) something ABOUT it that is not a Company, as {themeId, node}, by partner id
UNWIND $ids AS id
MATCH (t:Theme {id: id})
CALL (t) {
  MATCH (p:Partner)-[:ABOUT]->(t)
  RETURN p
  UNION
  MATCH (p:Partner)-[:PARTICIPATES_IN|CO_FOUNDED|PUBLISHED|ORGANIZED]-(x:Entity)-[:ABOUT]->(t)
  WHERE NOT x:Company
  RETURN p
}
RETURN id AS themeId, {{slim:p}} AS node
ORDER BY themeId, p.id
