// line/entities: for each of $numbers, the entities that name that line (mentions) or cite it as evidence, as {number, entity}, by id
UNWIND $numbers AS n
MATCH (e:Entity)
WHERE n IN e.mentionLines OR n IN e.evidenceLines
RETURN n AS number, e {.id, .kind, .nameZh, .nameEn, .aliases, .description, .sector, .level, .jointVenture, .reference, .category, .title, .year, .date, .unit, .footnote, .source} AS entity
ORDER BY number, e.id
