// meta/graph-version: the seeded graph's version and seed time, or no row when nothing is seeded
MATCH (m:Meta {key: 'graph'})
RETURN m.version AS version, toString(m.seededAt) AS seededAt
