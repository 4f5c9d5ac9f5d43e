/** What the loaders hand to the schema: plain objects, never driver records. */

export interface EntityRecord {
  id: string;
  kind: string;
  nameZh: string;
  nameEn: string | null;
  aliases: string[];
  description?: string | null;
  sector?: string | null;
  level?: string | null;
  jointVenture?: boolean | null;
  reference?: boolean | null;
  category?: string | null;
  title?: string | null;
  year?: number | null;
  date?: string | null;
  unit?: string | null;
  footnote?: string | null;
  source?: string | null;
  /** STATED | RULE | INFERRED (src/model DERIVATIONS); absent on graphs seeded before it existed. */
  derivation?: string | null;
  /** The tool rule of a RULE entity. */
  rule?: string | null;
  /** Absent on the slim records that come with relationships: load the entity by id to get them. */
  evidenceLines?: number[];
  evidenceLineEnds?: number[];
  evidenceQuotes?: string[];
  evidenceSections?: string[];
  evidenceSentences?: string[];
  mentionLines?: number[];
  mentionSentences?: string[];
  /** A metric's yearly values, when they were fetched with it. */
  values?: MetricValueRecord[] | null;
  /**
   * Nested fields a compiled statement fetched with this entity (src/translate), by response key; the
   * resolvers of those fields read them here instead of asking a loader.
   */
  prefetched?: ReadonlyMap<string, unknown>;
}

export interface RelationProps {
  id: string;
  kind?: string | null;
  label?: string | null;
  year?: number | null;
  date?: string | null;
  share?: number | null;
  role?: string | null;
  since?: string | null;
  until?: string | null;
  /** STATED | RULE | INFERRED (src/model DERIVATIONS). */
  derivation?: string | null;
  /** The tool rule of a RULE relationship. */
  rule?: string | null;
  evidenceLines: number[];
  evidenceLineEnds?: number[];
  evidenceQuotes: string[];
  evidenceSections: string[];
  evidenceSentences?: string[];
}

/** A relationship seen from one of its ends. */
export interface RelationRecord {
  entityId: string;
  type: string;
  direction: 'OUT' | 'IN';
  props: RelationProps;
  node: EntityRecord;
}

export interface MentionRecord {
  entityId: string;
  line: number;
  text: string;
  section: string | null;
}

export interface MetricValueRecord {
  year: number;
  value: number | null;
  printed: string;
  /** year | cumulative | undated (see seed/schema.ts). */
  period?: string | null;
  asOf?: string | null;
  derivation?: string | null;
  rule?: string | null;
  evidenceLine: number;
  evidenceLineEnd?: number | null;
  evidenceQuote: string;
  evidenceSection: string;
  evidenceSentence?: string | null;
}

/** A flat edge a notebook can load as a table row. */
export interface EdgeRecord {
  id: string;
  source: string;
  target: string;
  type: string;
  year: number | null;
  label: string | null;
  derivation?: string | null;
  rule?: string | null;
  /** Present when the request asked the edge for its evidence (the neighbourhood, paths: src/translate edgeFill). */
  evidenceLines?: number[];
  evidenceLineEnds?: number[];
  evidenceQuotes?: string[];
  evidenceSections?: string[];
  evidenceSentences?: string[];
  evidenceSentenceRecords?: (SentenceRecord | null)[];
}

/** A line of the report text. */
export interface LineRecord {
  number: number;
  text: string;
  /** Chapter › section path, e.g. "扶貧篇 › 助力持續穩定脫貧". */
  section: string | null;
  sectionId: string | null;
  /** True inside the repeated page (lines 734–882 repeat 571–719). */
  duplicate: boolean;
  /** The sentences the line is part of, in reading order (the first is the one it begins in). */
  sentenceIds?: string[];
  /** Full-text relevance when the line was found by Query.lines(search:) by its words, not as a phrase. */
  score?: number | null;
}

/** A sentence of the report, rebuilt from its wrapped lines (seed/parse/sentences.ts). */
export interface SentenceRecord {
  id: string;
  ordinal: number;
  text: string;
  lineStart: number;
  lineEnd: number;
  /** PARAGRAPH | HEADING | BULLET | TABLE | KPI | PAGE. */
  block: string;
  sectionId: string | null;
  section: string | null;
  chapter: string | null;
  duplicate: boolean;
  /** The entities it names. */
  entityIds: string[];
  /** Full-text relevance when found by Query.sentences(search:) by its words, not as a phrase. */
  score?: number | null;
}
