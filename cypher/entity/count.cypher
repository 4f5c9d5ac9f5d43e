// entity/count: how many entities of $kinds (every kind when the caller wants all) match $sector, $level, $year, $category (null = any)
UNWIND $kinds AS kind
MATCH (n:Entity {kind: kind})
WHERE ($sector IS NULL OR n.sector = $sector)
  AND ($level IS NULL OR n.level = $level)
  AND ($year IS NULL OR n.year = $year)
  AND ($category IS NULL OR n.category = $category)
RETURN count(n) AS count
