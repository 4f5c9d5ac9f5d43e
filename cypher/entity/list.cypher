// entity/list: a page ($offset, $limit) of entities filtered by $kinds, $sector, $level, $year, $category (null = any), ordered by $order (NAME | DEGREE | MENTIONS | ID)
MATCH (n:Entity)
WHERE ($kinds IS NULL OR n.kind IN $kinds)
  AND ($sector IS NULL OR n.sector = $sector)
  AND ($level IS NULL OR n.level = $level)
  AND ($year IS NULL OR n.year = $year)
  AND ($category IS NULL OR n.category = $category)
WITH n, CASE WHEN $order = 'DEGREE' THEN COUNT { (n)--(:Entity) } ELSE 0 END AS degree
RETURN properties(n) AS entity
ORDER BY
  CASE WHEN $order = 'DEGREE' THEN degree END DESC,
  CASE WHEN $order = 'MENTIONS' THEN size(n.mentionLines) END DESC,
  CASE WHEN $order = 'NAME' THEN coalesce(toLower(n.nameEn), n.nameZh) END,
  n.id
SKIP toInteger($offset)
LIMIT toInteger($limit)
