// sentence/by-ids: the sentences with ids $ids that exist, as {sentence: {id, ordinal, text, lineStart, lineEnd, block, sectionId, section, chapter, duplicate, entityIds}}, in reading order
UNWIND $ids AS id
MATCH (s:Sentence {id: id})
RETURN s {.id, .ordinal, .text, .lineStart, .lineEnd, .block, .sectionId, .section, .chapter, .duplicate, .entityIds} AS sentence
ORDER BY s.ordinal
