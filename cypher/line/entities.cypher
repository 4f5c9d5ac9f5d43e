// line/entities: for each of $numbers, the entities that name that line (mentions) or cite it as evidence, as {number, entity}, by id
UNWIND $numbers AS n
MATCH (e:Entity)
WHERE n IN e.mentionLines OR n IN e.evidenceLines
RETURN n AS number, {{slim:e}} AS entity
ORDER BY number, e.id
