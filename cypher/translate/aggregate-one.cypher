// translate/aggregate-one: as translate/aggregate, for a grouping with exactly one key per entity (slot group: an expression of n, generated from the GroupField enum value by groupClause in src/translate/filter.ts, e.g. n.sector), grouped directly instead of through a list per entity: how many match in all and the $first largest groups, as {total, groups: [{key, count}]}, count DESC then key; with slots checkOpen and checkClose filled (idCheckFill in src/schema/filter-ids.ts: when the filter names ids) the body runs inside OPTIONAL CALL and every row also brings `checked`, the {id, kind} of each of $filterIds that exists
{{checkOpen}}{{match}}
WHERE {{where}}
WITH {{group}} AS key, count(*) AS count
ORDER BY count DESC, key
// An aggregation without a grouping key returns one row even over no rows: total 0, groups [].
WITH sum(count) AS total, collect({key: key, count: count}) AS groups
RETURN total, groups[0..toInteger($first)] AS groups{{checkClose}}
