// sentence/list: a page ($offset, $limit) of sentences in reading order, and how many match in all: only those containing one of the folded phrases $phrases (null = any), naming or citing entity $entityId (null = any), in sections whose path contains one of $sections (null = any), the repeated page only when $duplicates; as {total, rows: [{sentence, score: null}]}
// The entity's sentences come from its lists (mentions, then evidence): a few dozen look-ups by id, not a scan.
CALL {
  WITH $entityId AS eid
  WITH eid WHERE eid IS NULL
  MATCH (s:Sentence) WHERE s.ordinal >= 0
  RETURN s
  UNION
  WITH $entityId AS eid
  MATCH (e:Entity {id: eid})
  UNWIND e.mentionSentences + e.evidenceSentences AS sid
  MATCH (s:Sentence {id: sid})
  RETURN DISTINCT s
}
WITH s
WHERE ($phrases IS NULL OR any(p IN $phrases WHERE s.searchText CONTAINS p))
  AND ($sections IS NULL OR any(x IN $sections WHERE s.section CONTAINS x))
  AND ($duplicates OR NOT s.duplicate)
WITH s ORDER BY s.ordinal
WITH collect(s) AS found
RETURN size(found) AS total,
       [s IN found[toInteger($offset)..toInteger($offset) + toInteger($limit)] |
         {sentence: s {.id, .ordinal, .text, .lineStart, .lineEnd, .block, .sectionId, .section, .chapter, .duplicate, .entityIds}, score: null}] AS rows
