// sentence/search: a page ($offset, $limit) of sentences holding the words of $lucene (escaped, on the 'sentence_text' index) but none of the folded phrases $phrases (those come first, from sentence/list), naming or citing entity $entityId (null = any), in sections whose path contains one of $sections (null = any), the repeated page only when $duplicates; as {total, rows: [{sentence, score}]}, best first
CALL db.index.fulltext.queryNodes('sentence_text', $lucene) YIELD node AS s, score
WHERE NOT any(p IN $phrases WHERE s.searchText CONTAINS p)
  AND ($entityId IS NULL OR $entityId IN s.entityIds OR EXISTS { MATCH (e:Entity {id: $entityId}) WHERE s.id IN e.evidenceSentences })
  AND ($sections IS NULL OR any(x IN $sections WHERE s.section CONTAINS x))
  AND ($duplicates OR NOT s.duplicate)
WITH s, score ORDER BY score DESC, s.ordinal
WITH collect({sentence: s {.id, .ordinal, .text, .lineStart, .lineEnd, .block, .sectionId, .section, .chapter, .duplicate, .entityIds}, score: score}) AS found
RETURN size(found) AS total, found[toInteger($offset)..toInteger($offset) + toInteger($limit)] AS rows
