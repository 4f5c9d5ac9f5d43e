// line/by-numbers: the report lines numbered $numbers that exist, as {line: {number, text, section, sectionId, duplicate}}, in line order
UNWIND $numbers AS n
MATCH (l:Line {number: n})
RETURN l {.number, .text, .section, .sectionId, .duplicate, .sentenceIds} AS line
ORDER BY l.number
