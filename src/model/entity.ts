import type { EntityKind } from './kinds.js';
import type { Derivation, DerivationRule, MetricSource, RegionLevel, Sector } from './vocabulary.js';

/**
 * The properties of an :Entity node as the seeder writes them (absent ones are not written). Every kind
 * shares this one shape: kind-specific properties (sector, level, unit ...) are optional.
 */
export interface EntityProperties {
  id: string;
  kind: EntityKind;
  nameZh: string;
  nameEn: string | null;
  aliases: string[];
  description?: string;
  /** PARTNER. */
  sector?: Sector;
  /** REGION. */
  level?: RegionLevel;
  /** SUBSIDIARY. */
  jointVenture?: boolean;
  /** A reference entity (the 31 provinces) that exists even where the report does not name it. */
  reference: boolean;
  /** How the entity was derived (see DERIVATIONS); `rule` names the tool rule of a RULE one. */
  derivation: Derivation;
  rule?: DerivationRule;
  category?: string;
  title?: string;
  year?: number;
  date?: string;
  /** METRIC. */
  unit?: string;
  footnote?: string;
  source?: MetricSource;
  /** Names and aliases in every script, one a line: what the full-text index reads. */
  searchText: string;
  /**
   * The evidence as parallel lists: the i-th quote is in the joined text of lines evidenceLines[i] ..
   * evidenceLineEnds[i] of the i-th report, inside sentence evidenceSentences[i].
   */
  evidenceReports: string[];
  evidenceLines: number[];
  evidenceLineEnds: number[];
  evidenceQuotes: string[];
  evidenceSections: string[];
  evidenceSentences: string[];
  /** Every line of the report where one of the entity's names starts (names wrapped over lines count). */
  mentionLines: number[];
  /** Every sentence of the report that names the entity, by id, in reading order. */
  mentionSentences: string[];
}

/**
 * The slim record of an entity: its names and scalar fields, without the evidence and mention lists and
 * the search text. What a statement returns for entities nobody asked the details of (the other ends of
 * relationships, search hits, path nodes); `{{slim:x}}` in a cypher/ file expands to this projection of x.
 */
export const SLIM_PROPERTIES = [
  'id',
  'kind',
  'nameZh',
  'nameEn',
  'aliases',
  'description',
  'sector',
  'level',
  'jointVenture',
  'reference',
  'derivation',
  'rule',
  'category',
  'title',
  'year',
  'date',
  'unit',
  'footnote',
  'source',
] as const satisfies readonly (keyof EntityProperties)[];

/**
 * The whole record of an entity as the API reads it (entity(id:) through the loader, a group's entity, an
 * evidence look-up): the slim record and the evidence lists, without what no resolver reads from it (the
 * search text, the reports, the mention lines and sentences, which Entity.mentions and the sort by MENTIONS
 * read in their own statements). Hubs name hundreds of sentences: those lists stay in the database.
 * `{{record:x}}` in a cypher/ file expands to this projection of x.
 */
export const RECORD_PROPERTIES = [
  ...SLIM_PROPERTIES,
  'evidenceLines',
  'evidenceLineEnds',
  'evidenceQuotes',
  'evidenceSections',
  'evidenceSentences',
] as const satisfies readonly (keyof EntityProperties)[];

/** Every property an entity node may have, in a stable order (exports, projections, checks): the slim record, then the rest. */
export const ENTITY_PROPERTIES = [
  ...SLIM_PROPERTIES,
  'searchText',
  'evidenceReports',
  'evidenceLines',
  'evidenceLineEnds',
  'evidenceQuotes',
  'evidenceSections',
  'evidenceSentences',
  'mentionLines',
  'mentionSentences',
] as const satisfies readonly (keyof EntityProperties)[];

// Fails to compile when EntityProperties gains a property ENTITY_PROPERTIES does not list.
type Unlisted = Exclude<keyof EntityProperties, (typeof ENTITY_PROPERTIES)[number]>;
export const ENTITY_PROPERTIES_COMPLETE: [Unlisted] extends [never] ? true : Unlisted = true;
