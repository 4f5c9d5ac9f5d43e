// seed/lines: MERGEs the report's lines from $rows [{number, text, sectionId, section, duplicate}]
UNWIND $rows AS r
MERGE (l:Line {number: r.number})
SET l = r
