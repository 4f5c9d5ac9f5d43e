import { ENTITY_KINDS, type EntityKind } from '../model/index.js';
import { entityType } from './entity.js';

/**
 * The object type of every kind, declared in one loop over src/model KINDS (so no kind can lack one): a
 * Relay node implementing Entity. Each kind's own fields are in kinds/<kind>.ts, which import the refs
 * from here (never from each other).
 */
const TYPES = Object.fromEntries(ENTITY_KINDS.map((k) => [k, entityType(k)])) as Record<EntityKind, ReturnType<typeof entityType>>;

export const {
  COMPANY: Company,
  UNIT: Unit,
  SUBSIDIARY: Subsidiary,
  BRANCH: Branch,
  REGION: Region,
  PROGRAM: Program,
  PRODUCT: Product,
  PARTNER: Partner,
  ORGANIZATION: Organization,
  AWARD: Award,
  PERSON: Person,
  EVENT: Event,
  PUBLICATION: Publication,
  THEME: Theme,
  METRIC: Metric,
} = TYPES;
