// line/search: a page ($offset, $limit) of report lines matching the escaped Lucene query $lucene on the 'line_text' index, only in sections whose path contains one of $sections (null = any), the repeated page only when $duplicates, as {line, score}, best first
CALL db.index.fulltext.queryNodes('line_text', $lucene) YIELD node AS l, score
WHERE ($sections IS NULL OR any(s IN $sections WHERE l.section CONTAINS s))
  AND ($duplicates OR NOT l.duplicate)
RETURN l {.number, .text, .section, .sectionId, .duplicate} AS line, score
ORDER BY score DESC, l.number
SKIP toInteger($offset)
LIMIT toInteger($limit)
