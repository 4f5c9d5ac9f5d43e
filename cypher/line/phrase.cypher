// line/phrase: a page ($offset, $limit) of report lines where one of the folded phrases $phrases STARTS (null = every line; a phrase may run on past the line's end: searchNext holds the text after it in its block), only in sections whose path contains one of $sections (null = any), the repeated page only when $duplicates; as {total, rows: [{line, score: null}]}, in line order
MATCH (l:Line)
WHERE ($phrases IS NULL OR any(p IN $phrases WHERE (l.searchText + left(l.searchNext, size(p) - 1)) CONTAINS p))
  AND ($sections IS NULL OR any(s IN $sections WHERE l.section CONTAINS s))
  AND ($duplicates OR NOT l.duplicate)
WITH l ORDER BY l.number
WITH collect(l) AS found
RETURN size(found) AS total,
       [l IN found[toInteger($offset)..toInteger($offset) + toInteger($limit)] |
         {line: l {.number, .text, .section, .sectionId, .duplicate, .sentenceIds}, score: null}] AS rows
