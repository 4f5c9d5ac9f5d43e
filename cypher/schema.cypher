// schema: constraints and indexes of the graph; every statement is idempotent (IF NOT EXISTS)
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT line_number IF NOT EXISTS FOR (n:Line) REQUIRE n.number IS UNIQUE;
CREATE CONSTRAINT section_id IF NOT EXISTS FOR (n:Section) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT meta_key IF NOT EXISTS FOR (n:Meta) REQUIRE n.key IS UNIQUE;
CREATE INDEX entity_kind IF NOT EXISTS FOR (n:Entity) ON (n.kind);
CREATE INDEX entity_name_zh IF NOT EXISTS FOR (n:Entity) ON (n.nameZh);
CREATE INDEX metric_value_metric IF NOT EXISTS FOR (n:MetricValue) ON (n.metricId);
CREATE INDEX metric_category IF NOT EXISTS FOR (n:Metric) ON (n.category);
// Names and aliases (Traditional, Simplified, English) in one text field; 'cjk' indexes CJK bigrams.
// Not eventually consistent, so a seed is searchable the moment its transaction commits.
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:Entity) ON EACH [n.nameZh, n.nameEn, n.searchText]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'cjk', `fulltext.eventually_consistent`: false } };
