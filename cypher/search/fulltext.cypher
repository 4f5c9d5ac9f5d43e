// search/fulltext: entities matching the escaped Lucene query $lucene on the 'cjk' name index, optionally only $kinds, at most $limit, as {entity (slim: names and scalar fields), score}
CALL db.index.fulltext.queryNodes('entity_names', $lucene, {limit: toInteger($limit)}) YIELD node, score
WHERE $kinds IS NULL OR node.kind IN $kinds
RETURN {{slim:node}} AS entity, score
ORDER BY score DESC, node.id
