import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ENTITY_KINDS, type EntityKind, RELATION_TYPES, type RelationType } from '../src/model/index.js';
import { readRuleFile } from './rule-files.js';

/** The rules file a person edits: seed/rules/relation-kinds.yaml, the machine form of DATA.md's relation table. */
export const RELATION_KINDS_FILE = fileURLToPath(new URL('./rules/relation-kinds.yaml', import.meta.url));

/** A kind, or `any` for every kind (the table's "any recipient → Award"). */
const KindOrAny = z.union([z.enum(ENTITY_KINDS), z.literal('any')]);
export type KindOrAny = z.infer<typeof KindOrAny>;

/** One rule: every kind of `from` may point to every kind of `to`. */
const KindRule = z.object({ from: z.array(KindOrAny).min(1), to: z.array(KindOrAny).min(1) }).strict();
export type KindRule = z.infer<typeof KindRule>;

/** Every relation type of src/model/relations.ts with one or more rules (a missing or unknown type is an error). */
export const RelationKindsFile = z.record(z.enum(RELATION_TYPES), z.array(KindRule).min(1));
export type RelationKinds = Readonly<Record<RelationType, readonly KindRule[]>>;

/**
 * Reads and validates the allowed (from kind, to kind) pairs per relation type. Problems are thrown as one
 * Error listing each "file › TYPE › field: what is expected".
 */
export function loadRelationKinds(file = RELATION_KINDS_FILE): RelationKinds {
  const dir = file.slice(0, file.lastIndexOf('/') + 1);
  return readRuleFile(file.slice(dir.length), RelationKindsFile, 'relation kind rules', dir);
}

const matches = (allowed: readonly KindOrAny[], kind: EntityKind): boolean => allowed.includes('any') || allowed.includes(kind);

/** Whether a relation of `type` may go from a `from` entity to a `to` entity. */
export function kindPairAllowed(rules: RelationKinds, type: RelationType, from: EntityKind, to: EntityKind): boolean {
  return rules[type].some((r) => matches(r.from, from) && matches(r.to, to));
}

/** The allowed pairs of a type, one "FROM → TO" each, in the file's order (`any` kept as written). */
export function allowedPairs(rules: RelationKinds, type: RelationType): string[] {
  return [...new Set(rules[type].flatMap((r) => r.from.flatMap((f) => r.to.map((t) => `${f} → ${t}`))))];
}
