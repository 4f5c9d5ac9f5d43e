// line/contains: a page ($offset, $limit) of report lines whose text contains one of $variants (null = every line), only in sections whose path contains one of $sections (null = any), the repeated page only when $duplicates, as {line, score: null}, in line order
MATCH (l:Line)
WHERE ($variants IS NULL OR any(v IN $variants WHERE l.text CONTAINS v))
  AND ($sections IS NULL OR any(s IN $sections WHERE l.section CONTAINS s))
  AND ($duplicates OR NOT l.duplicate)
RETURN l {.number, .text, .section, .sectionId, .duplicate} AS line, null AS score
ORDER BY l.number
SKIP toInteger($offset)
LIMIT toInteger($limit)
