// line/words: a page ($offset, $limit) of report lines holding the words of $lucene (escaped, on the 'line_text' index) where none of the folded phrases $phrases starts (those come first, from line/phrase), only in sections whose path contains one of $sections (null = any), the repeated page only when $duplicates; as {total, rows: [{line, score}]}, best first
CALL db.index.fulltext.queryNodes('line_text', $lucene) YIELD node AS l, score
WHERE NOT any(p IN $phrases WHERE (l.searchText + left(l.searchNext, size(p) - 1)) CONTAINS p)
  AND ($sections IS NULL OR any(s IN $sections WHERE l.section CONTAINS s))
  AND ($duplicates OR NOT l.duplicate)
WITH l, score ORDER BY score DESC, l.number
WITH collect({line: l {.number, .text, .section, .sectionId, .duplicate, .sentenceIds}, score: score}) AS found
RETURN size(found) AS total, found[toInteger($offset)..toInteger($offset) + toInteger($limit)] AS rows
