// mention/by-entity-ids: every report line naming each of $ids, as {entityId, line, text, section}, in line order
UNWIND $ids AS id
MATCH (e:Entity {id: id})
UNWIND e.mentionLines AS n
MATCH (l:Line {number: n})
RETURN id AS entityId, l.number AS line, l.text AS text, l.section AS section
ORDER BY entityId, line
