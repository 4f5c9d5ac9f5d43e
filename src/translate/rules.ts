import { SLIM_PROPERTIES } from '../model/index.js';

/**
 * How a schema field is translated to Cypher. The schema carries the rule in the field's
 * `extensions.translate` (set where the field is declared), the way @neo4j/graphql's directives
 * carry theirs; a field without a rule is resolved the classic way (DataLoader), so a new field is
 * never wrong, only not yet compiled.
 */
export type Direction = 'OUT' | 'IN' | 'BOTH';

export type TranslateRule =
  /** Reads these node properties of its parent (e.g. Partner.sector reads `sector`). */
  | { kind: 'props'; props: readonly string[] }
  /** The distinct entities at the other end of relationships of `types` in `direction`, of `kinds`. */
  | { kind: 'neighbours'; types: readonly string[]; direction: Direction; kinds: readonly string[] | null; one: boolean }
  /** Entity.degree: the number of relationships to other entities. */
  | { kind: 'degree' }
  /** Metric.values / value / change: the yearly values, fetched once into the record's `values`. */
  | { kind: 'metricValues' }
  /** Entity.relations: a connection of relationships with their other ends. */
  | { kind: 'relations' }
  /** Entity.mentions: a connection of the report lines naming the entity. */
  | { kind: 'mentions' };

/** The key under `extensions` where a field's rule is kept. */
export const TRANSLATE = 'translate';

/** Field options that attach a rule (spread into a Pothos field definition). */
export const translated = (rule: TranslateRule) => ({ extensions: { [TRANSLATE]: rule } });

/** The node properties every compiled entity carries: its id and kind (resolveType needs the kind). */
export const KEY_PROPS = ['id', 'kind'] as const;

/**
 * The scalar properties of an entity (the slim record, src/model): projected whole for a selection that has
 * a field without a rule, since its resolver may read any of them.
 */
export const SLIM_PROPS = SLIM_PROPERTIES;

export const EVIDENCE_PROPS = ['evidenceLines', 'evidenceLineEnds', 'evidenceQuotes', 'evidenceSections', 'evidenceSentences'] as const;
