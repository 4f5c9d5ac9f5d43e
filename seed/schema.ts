import { z } from 'zod';
import {
  DERIVATION_RULES,
  DERIVATIONS,
  ENTITY_KINDS,
  idPrefixOf,
  kindOfId,
  METRIC_PERIODS,
  METRIC_SOURCES,
  REGION_LEVELS,
  RELATION_TYPES,
  SECTORS,
} from '../src/model/index.js';

const slug = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** `partner/meituan`, `region/guangdong-zhaoqing`: the kind in lower case, a slash, a lower-case ASCII slug. */
export const EntityId = z.string().refine((id) => {
  const [, rest, extra] = id.split('/');
  return extra === undefined && rest !== undefined && slug.test(rest) && kindOfId(id) !== undefined;
}, 'expected "<kind>/<slug>" such as "partner/meituan" (kind in lower case, slug of a-z, 0-9 and single hyphens)');

/**
 * One citation: 1-based lines `line..lineEnd` of the report's text (REPORT.sourceFile; `lineEnd` defaults
 * to `line`) and a verbatim part of their joined text (seed/parse/sentences.ts joinLines: lines trimmed and
 * concatenated, a space only between two ASCII letters or digits, blank lines skipped).
 */
export const Evidence = z
  .object({
    line: z.number().int().positive(),
    lineEnd: z.number().int().positive().optional(),
    quote: z.string().min(1),
  })
  .strict()
  .refine((e) => e.lineEnd === undefined || (e.lineEnd >= e.line && e.lineEnd <= e.line + 8), {
    message: 'lineEnd must be at least line and at most 8 lines after it (a span of one sentence)',
    path: ['lineEnd'],
  });
export type Evidence = z.infer<typeof Evidence>;

/**
 * How a fact was derived (DATA.md «Derivation»): STATED (the default: a curator read the evidence sentence
 * and it says the fact), RULE (a named tool rule made it, unchecked one by one: `rule` names it) or
 * INFERRED (implied, not printed).
 */
const derivationFields = {
  derivation: z.enum(DERIVATIONS).default('STATED'),
  rule: z.enum(DERIVATION_RULES).optional(),
};

/** `rule` is given exactly when `derivation` is RULE. */
function checkRule(x: { derivation: string; rule?: string | undefined }, ctx: z.RefinementCtx): void {
  if (x.derivation === 'RULE' && x.rule === undefined)
    ctx.addIssue({ code: 'custom', path: ['rule'], message: `derivation RULE needs the rule's name (${DERIVATION_RULES.join(', ')})` });
  if (x.derivation !== 'RULE' && x.rule !== undefined)
    ctx.addIssue({ code: 'custom', path: ['rule'], message: `only a RULE fact names a rule (this one is ${x.derivation})` });
}

const yearField = z.number().int().min(1900).max(2100);
/** "2020", "2020-12" or "2020-12-16". */
const dateField = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'expected YYYY, YYYY-MM or YYYY-MM-DD');

export const EntityInput = z
  .object({
    id: EntityId,
    kind: z.enum(ENTITY_KINDS),
    nameZh: z.string().min(1),
    nameEn: z.string().min(1).optional(),
    aliases: z.array(z.string().min(1)).default([]),
    description: z.string().min(1).optional(),
    sector: z.enum(SECTORS).optional(),
    level: z.enum(REGION_LEVELS).optional(),
    jointVenture: z.boolean().optional(),
    /** A reference entity (the 31 provinces) that exists even where the report does not name it. */
    reference: z.boolean().optional(),
    category: z.string().min(1).optional(),
    title: z.string().min(1).optional(),
    year: yearField.optional(),
    date: dateField.optional(),
    ...derivationFields,
    evidence: z.array(Evidence).default([]),
  })
  .strict()
  .superRefine((e, ctx) => {
    checkRule(e, ctx);
    if (!e.id.startsWith(idPrefixOf(e.kind))) {
      ctx.addIssue({ code: 'custom', path: ['id'], message: `id must start with "${idPrefixOf(e.kind)}" for kind ${e.kind}` });
    }
    if (e.evidence.length === 0 && !e.reference) {
      ctx.addIssue({ code: 'custom', path: ['evidence'], message: 'at least one {line, quote} is required' });
    }
    if (e.kind === 'REGION' && !e.level) {
      ctx.addIssue({ code: 'custom', path: ['level'], message: `a REGION needs a level (${REGION_LEVELS.join(', ')})` });
    }
    if (e.kind === 'PARTNER' && !e.sector) {
      ctx.addIssue({ code: 'custom', path: ['sector'], message: `a PARTNER needs a sector (${SECTORS.join(', ')})` });
    }
  });
export type EntityInput = z.infer<typeof EntityInput>;

export const RelationInput = z
  .object({
    type: z.enum(RELATION_TYPES),
    from: EntityId,
    to: EntityId,
    /** PARTNERS_WITH: strategic agreement, co-build and co-share, joint venture, joint lab, research, content ... */
    kind: z.string().min(1).optional(),
    /** Short human label, e.g. the report's own verb phrase. */
    label: z.string().min(1).optional(),
    year: yearField.optional(),
    date: dateField.optional(),
    /** OWNS: percentage of shares held. */
    share: z.number().min(0).max(100).optional(),
    /** HOLDS_ROLE: the title as printed. */
    role: z.string().min(1).optional(),
    since: dateField.optional(),
    until: dateField.optional(),
    /** INFERRED where the report does not print the link itself (a city's province, a subsidiary's parent). */
    ...derivationFields,
    evidence: z.array(Evidence).min(1, 'at least one {line, quote} is required'),
  })
  .strict()
  .superRefine(checkRule);
export type RelationInput = z.infer<typeof RelationInput>;

export const MetricValueInput = z
  .object({
    year: yearField,
    /** The number, or null where the report prints none (—). */
    value: z.number().nullable(),
    /** Exactly as printed: "141", ">99", "1.50：1", "—". */
    printed: z.string().min(1),
    line: z.number().int().positive(),
    /** As in Evidence: a figure printed on its own line under its label is quoted with the label, across lines. */
    lineEnd: z.number().int().positive().optional(),
    quote: z.string().min(1),
    /**
     * What the figure covers: `year` the calendar year (the default), `cumulative` a running total up to
     * the end of `year` (the report says 累計), `undated` a figure the report gives without a date (filed
     * under the report's year, which is only when it was stated).
     */
    period: z.enum(METRIC_PERIODS).default('year'),
    /** The date the figure stands at, where the report gives one more precise than the year. */
    asOf: dateField.optional(),
  })
  .strict()
  .refine((v) => v.lineEnd === undefined || (v.lineEnd >= v.line && v.lineEnd <= v.line + 8), {
    message: 'lineEnd must be at least line and at most 8 lines after it (a span of one sentence)',
    path: ['lineEnd'],
  });

export const MetricInput = z
  .object({
    id: EntityId,
    nameZh: z.string().min(1),
    nameEn: z.string().min(1).optional(),
    aliases: z.array(z.string().min(1)).default([]),
    unit: z.string().min(1).optional(),
    category: z.string().min(1),
    footnote: z.string().min(1).optional(),
    /** Where the figure comes from: the KPI table or the text. */
    source: z.enum(METRIC_SOURCES).default('text'),
    /**
     * The entity the figure is about (a programme, product, branch, subsidiary …), where its sentence says
     * the figure is that entity's: the seeder writes `(of)-[:MEASURED_BY]->(metric)`, STATED, citing the
     * values' evidence. Absent for company-level figures, which the reporting company REPORTS.
     */
    of: EntityId.optional(),
    /** Of the metric and every one of its values. */
    ...derivationFields,
    values: z.array(MetricValueInput).min(1),
    evidence: z.array(Evidence).default([]),
  })
  .strict()
  .superRefine((m, ctx) => {
    checkRule(m, ctx);
    if (!m.id.startsWith(idPrefixOf('METRIC')))
      ctx.addIssue({ code: 'custom', path: ['id'], message: `a metric id starts with "${idPrefixOf('METRIC')}"` });
    if (m.of?.startsWith(idPrefixOf('METRIC')))
      ctx.addIssue({ code: 'custom', path: ['of'], message: 'a metric measures an entity, not another metric' });
    if (m.of !== undefined && m.source === 'kpi-table')
      ctx.addIssue({
        code: 'custom',
        path: ['of'],
        message: 'a KPI-table row is a company-level figure: only a text metric names the entity it is about',
      });
  });
export type MetricInput = z.infer<typeof MetricInput>;

/** One file of seed/data/: any of the three lists. */
export const DataFile = z
  .object({
    entities: z.array(EntityInput).default([]),
    relations: z.array(RelationInput).default([]),
    metrics: z.array(MetricInput).default([]),
  })
  .strict();
export type DataFile = z.infer<typeof DataFile>;
