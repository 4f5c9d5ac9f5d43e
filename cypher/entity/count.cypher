// entity/count: how many entities match $kinds, $sector, $level, $year, $category (null = any)
MATCH (n:Entity)
WHERE ($kinds IS NULL OR n.kind IN $kinds)
  AND ($sector IS NULL OR n.sector = $sector)
  AND ($level IS NULL OR n.level = $level)
  AND ($year IS NULL OR n.year = $year)
  AND ($category IS NULL OR n.category = $category)
RETURN count(n) AS count
