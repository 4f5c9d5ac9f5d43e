// schema: constraints and indexes of the graph; every statement is idempotent (IF NOT EXISTS)
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT line_number IF NOT EXISTS FOR (n:Line) REQUIRE n.number IS UNIQUE;
CREATE CONSTRAINT sentence_id IF NOT EXISTS FOR (s:Sentence) REQUIRE s.id IS UNIQUE;
CREATE CONSTRAINT section_id IF NOT EXISTS FOR (n:Section) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT name_key_id IF NOT EXISTS FOR (k:NameKey) REQUIRE k.id IS UNIQUE;
CREATE CONSTRAINT meta_key IF NOT EXISTS FOR (n:Meta) REQUIRE n.key IS UNIQUE;
CREATE INDEX entity_kind IF NOT EXISTS FOR (n:Entity) ON (n.kind);
// Entities of one kind in id order (a page of `entities` by id reads the page, not the whole kind).
CREATE INDEX entity_kind_id IF NOT EXISTS FOR (n:Entity) ON (n.kind, n.id);
CREATE INDEX entity_name_zh IF NOT EXISTS FOR (n:Entity) ON (n.nameZh);
// Exact look-up by folded name (src/search/names.ts): a range index, equality only.
CREATE INDEX name_key IF NOT EXISTS FOR (k:NameKey) ON (k.key);
CREATE INDEX metric_value_metric IF NOT EXISTS FOR (n:MetricValue) ON (n.metricId);
CREATE INDEX metric_category IF NOT EXISTS FOR (n:Metric) ON (n.category);
// Names and aliases (Traditional, Simplified, English) in one text field; 'cjk' indexes CJK bigrams.
// Not eventually consistent, so a seed is searchable the moment its transaction commits.
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:Entity) ON EACH [n.nameZh, n.nameEn, n.searchText]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'cjk', `fulltext.eventually_consistent`: false } };
// The report's lines, for Query.lines(search:): the same 'cjk' bigram analyzer as the names.
CREATE FULLTEXT INDEX line_text IF NOT EXISTS FOR (l:Line) ON EACH [l.text]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'cjk', `fulltext.eventually_consistent`: false } };
CREATE INDEX line_section IF NOT EXISTS FOR (l:Line) ON (l.sectionId);
// Sentences in reading order (a page of `sentences` without a search reads the page, not all of them).
CREATE INDEX sentence_ordinal IF NOT EXISTS FOR (s:Sentence) ON (s.ordinal);
// The report's sentences, for Query.sentences(search:) when the words are not one phrase.
CREATE FULLTEXT INDEX sentence_text IF NOT EXISTS FOR (s:Sentence) ON EACH [s.text]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'cjk', `fulltext.eventually_consistent`: false } };
