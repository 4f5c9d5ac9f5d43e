// seed/lines: MERGEs the report's lines from $rows [{report, number, text, sectionId, section, duplicate, searchText, searchNext, sentenceIds}]
UNWIND $rows AS r
MERGE (l:Line {number: r.number})
SET l = r
