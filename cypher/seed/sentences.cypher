// seed/sentences: MERGEs the report's sentences from $rows [{id, report, ordinal, text, searchText, lineStart, lineEnd, block, sectionId, section, chapter, duplicate, entityIds}]
UNWIND $rows AS r
MERGE (s:Sentence {id: r.id})
SET s = r
