// search/contains: entities one of whose names contains one of $variants (lower-cased), for queries too short for the bigram index, as {entity (slim: names and scalar fields), score}
MATCH (n:Entity)
WHERE ($kinds IS NULL OR n.kind IN $kinds)
  AND any(q IN $variants WHERE toLower(n.searchText) CONTAINS q)
RETURN {{slim:n}} AS entity, 1.0 / (1 + size(n.nameZh)) AS score
ORDER BY size(n.nameZh), n.id
LIMIT toInteger($limit)
