import { builder } from '../builder.js';
import { apiError } from '../errors.js';
import { RELATION_TYPES, type RelationType } from '../model/index.js';

const DESCRIPTIONS = {
  OWNS: 'Company → Company it holds shares of (with `share`, percent).',
  SUBSIDIARY_OF: 'Subsidiary → its parent company or subsidiary.',
  BRANCH_OF: 'Branch → the company (provincial branch) or provincial branch (city branch) it belongs to.',
  LOCATED_IN: 'Branch, region, subsidiary, event or partner → the region it is in.',
  PARTNERS_WITH: 'Company, subsidiary or branch → partner (with the kind of partnership and its date).',
  CO_FOUNDED: 'Partner or company → the joint venture it founded.',
  CO_DEVELOPED:
    'Partner → a product it built or developed together with a China Unicom entity (e.g. 徐工集團 and the 5G smart-park network).',
  RUNS: 'Company, subsidiary, branch or unit → the program it runs.',
  PARTICIPATES_IN: 'Partner, branch, subsidiary or organisation → a program or event it takes part in.',
  RECEIVED: 'Recipient → award (with the year).',
  ISSUED_BY: 'Award → the organisation or partner that gave it.',
  HOLDS_ROLE: 'Person → the company or unit where they hold a role (with role, since, until).',
  REPORTS: 'Company → a metric it reports.',
  MEASURED_BY:
    'Program, product, branch, subsidiary, unit, event, partner, award, publication or company → a metric whose figures the report states about it (e.g. a programme → the villages it covered).',
  OFFERS: 'Company, subsidiary or branch → a product it offers.',
  PUBLISHED: 'Anyone → a publication they published.',
  ORGANIZED: 'Anyone → an event they organised.',
  MEMBER_OF: 'Company or partner → an alliance or association it belongs to or launched as a founding member.',
  PART_OF: 'Unit → company or unit; program → program; event → program.',
  SUPPORTS: 'Product or program → the program or event it serves.',
  SERVES: 'Company, subsidiary, branch, program or product → a customer, client or user of its service (not a partner).',
  COVERS: 'Branch or program → a site or country its network or service covers.',
  CUSTOMER_OF: 'Company → an organisation whose platform the group uses as a customer (e.g. its service accounts on B站).',
  RATED: 'Organisation → company: a credit rating given (label: the grade).',
  SIGNED: 'Branch or company → a pledge or agreement it signed.',
  ABOUT: 'Program, product, event, publication, award, subsidiary or partner → a theme it is about, quoted from a line that says both.',
} satisfies Record<RelationType, string>;

export const RelationTypeEnum = builder.enumType('RelationType', {
  description: 'The types of relationship in the graph (seed/DATA.md explains each). An unknown type is a validation error.',
  values: Object.fromEntries(RELATION_TYPES.map((t) => [t, { description: DESCRIPTIONS[t] }])) as Record<
    RelationType,
    { description: string }
  >,
});

const KNOWN: ReadonlySet<string> = new Set(RELATION_TYPES);

/**
 * The relationship types a field should follow: `relationTypes` (the enum) or the deprecated string list
 * `types`, checked against the known types before any database work; null means every type.
 */
export function relationTypesArg(args: {
  types?: readonly string[] | null;
  relationTypes?: readonly RelationType[] | null;
}): RelationType[] | null {
  if (args.types?.length && args.relationTypes?.length)
    throw apiError('Give either `relationTypes` or the deprecated `types`, not both.', 'BAD_USER_INPUT', { argument: 'types' });
  const unknown = (args.types ?? []).filter((t) => !KNOWN.has(t));
  if (unknown.length > 0)
    throw apiError(
      `Unknown relationship type ${unknown.map((u) => JSON.stringify(u)).join(', ')} in \`types\`. Use one or more of: ${RELATION_TYPES.join(', ')} (or the \`relationTypes\` enum argument).`,
      'BAD_USER_INPUT',
      { argument: 'types' },
    );
  const chosen = (args.relationTypes?.length ? args.relationTypes : args.types) as RelationType[] | null | undefined;
  return chosen?.length ? [...new Set(chosen)] : null;
}

export const DEPRECATED_TYPES = 'Use `relationTypes` (the RelationType enum): an unknown type there is a validation error.';
