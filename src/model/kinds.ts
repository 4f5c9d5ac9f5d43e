/** What the code needs to know about one kind. */
export interface KindInfo {
  /** The Neo4j label and the GraphQL object type: PARTNER → Partner. */
  readonly typeName: string;
  /** The first part of its ids: "partner" in "partner/meituan". */
  readonly idPrefix: string;
  /** One line for the EntityKind enum value: what entities of this kind are. */
  readonly description: string;
  /** The description of its GraphQL object type. */
  readonly typeDescription: string;
}

/**
 * The entity kinds of the graph, and what the code needs to know about each. Each kind is a Neo4j label, a
 * GraphQL object type implementing Entity and a value of the EntityKind enum. Adding a kind is one entry
 * here: every other per-kind table is declared `satisfies Record<EntityKind, …>` (or built from this one)
 * and fails to compile without it, and test/unit/kinds-in-schema.test.ts fails until the schema has its type.
 */
export const KINDS = {
  COMPANY: {
    typeName: 'Company',
    idPrefix: 'company',
    description: "China Unicom group's own legal entities (集團, the listed companies, BVI holders).",
    typeDescription:
      "One of the China Unicom group's own legal entities: the group (集團), the Hong Kong-listed company the report speaks for, the A-share company, the operating company and the BVI holding companies.",
  },
  UNIT: {
    typeName: 'Unit',
    idPrefix: 'unit',
    description: 'Internal bodies: board committees, leading groups, offices, departments.',
    typeDescription: 'An internal body: a board committee, leading group, office, department or centre.',
  },
  SUBSIDIARY: {
    typeName: 'Subsidiary',
    idPrefix: 'subsidiary',
    description: 'Subsidiaries and joint ventures (see Subsidiary.jointVenture).',
    typeDescription: 'A subsidiary or joint venture of China Unicom (e.g. 聯通大數據, 雲景).',
  },
  BRANCH: {
    typeName: 'Branch',
    idPrefix: 'branch',
    description: 'Provincial, city and county branches (e.g. 湖北聯通).',
    typeDescription: 'A provincial, city or county branch of China Unicom (e.g. 湖北聯通, 廣東肇慶聯通).',
  },
  REGION: {
    typeName: 'Region',
    idPrefix: 'region',
    description: 'Countries, provinces, cities, counties, towns and villages (see Region.level).',
    typeDescription:
      'A place: a country, one of the 31 provincial-level divisions, a city, county, district, town or village. Branches and places are LOCATED_IN their region.',
  },
  PROGRAM: {
    typeName: 'Program',
    idPrefix: 'program',
    description: 'Initiatives, campaigns, projects and schemes (e.g. 5G共建共享, 智慧冬奧); a platform built as a project is one.',
    typeDescription:
      'An initiative, campaign, project, scheme or programme of work: 5G共建共享, 智慧冬奧, 精準扶貧, 普遍服務, 雪域童年, 聯通鏈 ...; a platform the group built as a project for one client or for its own work (池州市智慧政協平台, 五大智慧中台) is one too.',
  },
  PRODUCT: {
    typeName: 'Product',
    idPrefix: 'product',
    description: 'Products and services customers use or buy, platforms offered to users included (e.g. 暢聽王卡, 孝心卡, 沃雲).',
    typeDescription:
      'A product or service customers use or buy, a platform offered to users included: 暢聽王卡, 孝心卡, 沃家神眼, 沃雲 ...',
  },
  PARTNER: {
    typeName: 'Partner',
    idPrefix: 'partner',
    description: 'Organisations China Unicom works with (see Partner.sector).',
    typeDescription:
      'An organisation China Unicom works with: an operator, internet firm, vendor, university, research institute, medium, NGO, UN body or alliance.',
  },
  ORGANIZATION: {
    typeName: 'Organization',
    idPrefix: 'organization',
    description: 'Other external bodies: regulators, exchanges, rating agencies, award issuers.',
    typeDescription:
      'Any other external body the report names: regulators and ministries, exchanges, rating agencies, standards bodies, award issuers and organisers.',
  },
  AWARD: {
    typeName: 'Award',
    idPrefix: 'award',
    description: 'Honours, titles and rankings received, with issuer and year.',
    typeDescription: 'An honour, title, prize or ranking, with its issuer, year and recipients (榮譽認可 and the text).',
  },
  PERSON: {
    typeName: 'Person',
    idPrefix: 'person',
    description: 'Board members and managers, with their roles.',
    typeDescription: 'A board member or manager, with the roles the report gives (董事會及管理層).',
  },
  EVENT: {
    typeName: 'Event',
    idPrefix: 'event',
    description: 'Dated events: meetings, launches, signings, disasters responded to.',
    typeDescription: 'A dated event: a meeting, launch, signing, forum, exhibition or disaster responded to.',
  },
  PUBLICATION: {
    typeName: 'Publication',
    idPrefix: 'publication',
    description: 'White papers, reports and plans the report names.',
    typeDescription: 'A white paper, report, plan or standard the report names.',
  },
  THEME: {
    typeName: 'Theme',
    idPrefix: 'theme',
    description:
      'The subjects the report is organised around (5G, 大數據, 脫貧攻堅, 冬奧 ...): programs, products, events, publications, awards and partners are ABOUT them.',
    typeDescription:
      'A subject the report is organised around (5G, 大數據, 脫貧攻堅, 冬奧, 疫情防控 ...), named as printed. Programs, products, events, publications, awards, partners, subsidiaries and units are ABOUT it, each relationship with the line that says so.',
  },
  METRIC: {
    typeName: 'Metric',
    idPrefix: 'metric',
    description: 'Yearly figures: the 關鍵績效 table and other figures of the text.',
    typeDescription:
      'A yearly figure: a row of the 關鍵績效 table (2018–2020) or a figure of the text, with its unit, category and values as printed.',
  },
} as const satisfies Record<string, KindInfo>;

export type EntityKind = keyof typeof KINDS;

/** The kinds in KINDS order (a non-empty tuple, as zod's z.enum wants). */
export const ENTITY_KINDS = Object.freeze(Object.keys(KINDS)) as readonly [EntityKind, ...EntityKind[]];

// Maps, not objects: these are looked up with user text (ids, kind names).
const KIND_BY_NAME: ReadonlyMap<string, EntityKind> = new Map(ENTITY_KINDS.map((k) => [k, k]));
const KIND_BY_PREFIX: ReadonlyMap<string, EntityKind> = new Map(ENTITY_KINDS.map((k) => [KINDS[k].idPrefix, k]));

/** The kind of this name, or undefined for anything else ("PARTNER" → PARTNER). */
export const asEntityKind = (name: string): EntityKind | undefined => KIND_BY_NAME.get(name);

/**
 * The GraphQL object type (and Neo4j label) of a kind: PARTNER → Partner. Takes a string because rows
 * from the database carry the kind as one; a string that names no kind gives "Unknown" (no such type).
 */
export function typeNameOfKind(kind: string): string {
  const k = KIND_BY_NAME.get(kind);
  return k ? KINDS[k].typeName : 'Unknown';
}

/** The kind an id names by its prefix ("partner/meituan" → PARTNER), or undefined for a foreign id. */
export function kindOfId(id: string): EntityKind | undefined {
  const slash = id.indexOf('/');
  return slash > 0 ? KIND_BY_PREFIX.get(id.slice(0, slash)) : undefined;
}

/** The id prefix of a kind, with its slash: PARTNER → "partner/". */
export const idPrefixOf = (kind: EntityKind): string => `${KINDS[kind].idPrefix}/`;
