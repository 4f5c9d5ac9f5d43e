// seed/meta: records the graph's version and when it was seeded ($version, $counts as JSON)
MERGE (m:Meta {key: 'graph'})
SET m.version = $version, m.seededAt = datetime(), m.counts = $counts
