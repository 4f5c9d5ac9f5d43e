// entity/by-name: entities whose name, English name or an alias equals one of $names (exact) or $lower (case-insensitive), best first
MATCH (n:Entity)
WHERE n.nameZh IN $names
   OR toLower(n.nameEn) IN $lower
   OR any(a IN n.aliases WHERE a IN $names OR toLower(a) IN $lower)
RETURN properties(n) AS entity,
       CASE WHEN n.nameZh IN $names OR toLower(n.nameEn) IN $lower THEN 0 ELSE 1 END AS rank
ORDER BY rank, size(n.mentionLines) DESC, n.id
LIMIT 5
