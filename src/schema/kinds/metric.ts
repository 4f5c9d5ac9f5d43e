import { builder } from '../../builder.js';
import type { Context } from '../../context.js';
import { apiError } from '../../db/errors.js';
import type { EntityRecord, MetricValueRecord } from '../../loaders/types.js';
import { compileSelection, translated } from '../../translate/index.js';
import {
  DERIVATION_DESCRIPTION,
  DerivationEnum,
  derivationOf,
  Entity,
  EntityKindEnum,
  Evidence,
  listOf,
  oneOf,
  RULE_DESCRIPTION,
} from '../entity.js';
import { Metric } from '../entity-types.js';
import { findEntity } from '../lookup.js';
import { pageFromRows, pageWindow } from '../pagination.js';

export const MetricSourceEnum = builder.enumType('MetricSource', {
  description: 'Where a metric comes from.',
  values: {
    KPI_TABLE: { value: 'kpi-table', description: 'A row of the 關鍵績效 (key performance) table, parsed from the text by code.' },
    TEXT: { value: 'text', description: 'A figure stated in the text, curated by hand.' },
  },
});

const MetricPeriodEnum = builder.enumType('MetricPeriod', {
  description: 'What a value covers.',
  values: {
    YEAR: { value: 'year', description: 'That calendar year (flows such as investment in 2020, or a stock at its end).' },
    CUMULATIVE: { value: 'cumulative', description: 'A running total up to the end of that year: the report says 累計 (cumulative).' },
    UNDATED: {
      value: 'undated',
      description: 'The report gives the figure without a date; it is filed under the report year only because that is when it was stated.',
    },
  },
});

const MetricValue = builder.objectRef<MetricValueRecord>('MetricValue').implement({
  description: 'One year of a metric: the number, the text as printed, and where it is printed.',
  fields: (t) => ({
    year: t.exposeInt('year', { description: 'The year the value is for.' }),
    value: t.exposeFloat('value', { nullable: true, description: 'The number (null where the report prints — or a grade such as AAA).' }),
    printed: t.exposeString('printed', { description: 'Exactly as printed: "141", ">99", "1.50：1", "—", "AAA".' }),
    period: t.field({
      type: MetricPeriodEnum,
      description: 'Whether the value is for the year, a cumulative total up to it, or undated (see MetricPeriod).',
      resolve: (v) => (v.period === 'cumulative' || v.period === 'undated' ? v.period : 'year'),
    }),
    asOf: t.exposeString('asOf', {
      nullable: true,
      description: 'The date the figure stands at, where the report gives one more precise than the year (YYYY-MM or YYYY-MM-DD).',
    }),
    derivation: t.field({
      type: DerivationEnum,
      description: `${DERIVATION_DESCRIPTION} A value of the KPI table is RULE (kpi-table), one curated from the text STATED.`,
      resolve: (v) => derivationOf(v),
    }),
    rule: t.string({ nullable: true, description: RULE_DESCRIPTION, resolve: (v) => v.rule ?? null }),
    evidence: t.field({
      type: Evidence,
      description: 'The line that prints it.',
      resolve: (v) => ({
        line: v.evidenceLine,
        lineEnd: v.evidenceLineEnd ?? v.evidenceLine,
        quote: v.evidenceQuote,
        section: v.evidenceSection || null,
        sentenceId: v.evidenceSentence || null,
      }),
    }),
  }),
});

interface ChangeShape {
  from: MetricValueRecord;
  to: MetricValueRecord;
}

const MetricChange = builder.objectRef<ChangeShape>('MetricChange').implement({
  description: 'How a metric changed between two years.',
  fields: (t) => ({
    from: t.field({ type: MetricValue, description: 'The earlier value.', resolve: (c) => c.from }),
    to: t.field({ type: MetricValue, description: 'The later value.', resolve: (c) => c.to }),
    absolute: t.float({
      nullable: true,
      description: 'to − from, in the metric unit (null when either value is not a number).',
      resolve: (c) => (c.from.value == null || c.to.value == null ? null : round(c.to.value - c.from.value)),
    }),
    percent: t.float({
      nullable: true,
      description: '(to − from) / from × 100, rounded to 2 decimals (null when from is 0 or not a number).',
      resolve: (c) =>
        c.from.value == null || c.to.value == null || c.from.value === 0
          ? null
          : round(((c.to.value - c.from.value) / Math.abs(c.from.value)) * 100),
    }),
  }),
});

const round = (x: number) => Math.round(x * 100) / 100;

/** The values fetched with the metric, or else one batched query for them. */
const valuesOf = (m: EntityRecord, ctx: Context): MetricValueRecord[] | Promise<MetricValueRecord[]> =>
  m.values ?? ctx.loaders.metricValues.load(m.id);

builder.objectFields(Metric, (t) => ({
  unit: t.exposeString('unit', { nullable: true, description: 'The unit as printed, e.g. 萬個, 萬元, %.' }),
  category: t.string({
    description: 'The category as printed, e.g. 以人為本, 低碳發展 (KPI table) or 網絡, 扶貧 (text).',
    ...translated({ kind: 'props', props: ['category'] }),
    resolve: (m) => m.category ?? '',
  }),
  footnote: t.exposeString('footnote', { nullable: true, description: "The table's footnote for this row, if it has one." }),
  source: t.field({
    type: MetricSourceEnum,
    description: 'The KPI table or the text.',
    ...translated({ kind: 'props', props: ['source'] }),
    resolve: (m) => (m.source === 'kpi-table' ? 'kpi-table' : 'text'),
  }),
  values: t.field({
    type: [MetricValue],
    description: 'Every year the report gives, oldest first.',
    ...translated({ kind: 'metricValues' }),
    resolve: (m, _a, ctx) => valuesOf(m, ctx),
  }),
  value: t.field({
    type: MetricValue,
    nullable: true,
    description: 'The value for one year, or null when the report gives none.',
    args: { year: t.arg.int({ required: true, description: 'e.g. 2019' }) },
    ...translated({ kind: 'metricValues' }),
    resolve: async (m, { year }, ctx) => (await valuesOf(m, ctx)).find((v) => v.year === year) ?? null,
  }),
  measures: t.field({
    type: Entity,
    nullable: true,
    description:
      'The entity the figure is about (MEASURED_BY), e.g. a programme, product, branch or subsidiary; null for a company-level figure (a KPI-table row, or a text figure about the whole group), which `Company.metrics` of the reporting company lists.',
    ...oneOf({ types: ['MEASURED_BY'], direction: 'IN' }),
  }),
  change: t.field({
    type: MetricChange,
    nullable: true,
    description: 'The change from one year to another (absolute and percent); null when either year has no value.',
    args: {
      from: t.arg.int({ required: true, description: 'The earlier year, e.g. 2018.' }),
      to: t.arg.int({ required: true, description: 'The later year, e.g. 2020.' }),
    },
    ...translated({ kind: 'metricValues' }),
    resolve: async (m, args, ctx) => {
      const values = await valuesOf(m, ctx);
      const from = values.find((v) => v.year === args.from);
      const to = values.find((v) => v.year === args.to);
      return from && to ? { from, to } : null;
    },
  }),
}));

/** The metrics an entity is MEASURED_BY: the figures the report states about it (a metric's `of:` in seed/data). */
export const MEASURED_BY_METRICS = { types: ['MEASURED_BY'], direction: 'OUT', kinds: ['METRIC'] } as const;

builder.interfaceField(Entity, 'metrics', (t) =>
  t.field({
    type: [Metric],
    description:
      'Figures the report states about this entity (MEASURED_BY), e.g. the villages a programme covered or the users of a product, each a Metric with its unit, category and values (year, value, printed, period, evidence line..lineEnd and quote). On a Company it also lists every metric the company REPORTS: the reporting company discloses all of them, the KPI table and the company-level text figures among them. Ordered by id; empty when the report states no figure about it.',
    ...listOf(MEASURED_BY_METRICS),
  }),
);

builder.queryFields((t) => ({
  metric: t.field({
    type: Metric,
    nullable: true,
    description: 'One metric by id (e.g. "metric/4g-base-stations") or by name (e.g. "4G基站", "員工培訓投入"); null when nothing matches.',
    args: {
      id: t.arg.id({ required: false, description: 'The metric id.' }),
      name: t.arg.string({ required: false, description: 'Its Chinese or English name or an alias, exactly.' }),
    },
    resolve: async (_r, { id, name }, ctx, info) => {
      if (id == null && name == null) throw apiError('Give `id` or `name`, e.g. metric(name: "4G基站").', 'BAD_USER_INPUT');
      return findEntity(ctx, id ?? null, name ?? null, {
        kinds: ['METRIC'],
        selection: { compiled: compileSelection(info), variables: info.variableValues },
      });
    },
  }),
  metrics: t.connection(
    {
      type: Metric,
      description:
        'All metrics, the 關鍵績效 table rows first; filter by category (as printed, e.g. "低碳發展"), source, and whether (and about what kind of entity) a figure is stated about a named entity.',
      args: {
        category: t.arg.string({ required: false, description: 'Only this category, e.g. 以人為本, 低碳發展, 合規管理, 社區責任.' }),
        source: t.arg({ type: MetricSourceEnum, required: false, description: 'Only the KPI table or only the text.' }),
        measured: t.arg.boolean({
          required: false,
          description:
            'true: only the figures about a named entity (a programme, product, branch …: `Metric.measures` is set, MEASURED_BY); false: only company-level ones; absent: all.',
        }),
        ofKinds: t.arg({
          type: [EntityKindEnum],
          required: false,
          description: 'Only figures about an entity of these kinds, e.g. [PROGRAM, PRODUCT] (MEASURED_BY from such an entity).',
        }),
      },
      resolve: async (_r, args, ctx, info) => {
        const { offset, limit } = pageWindow(args);
        const filters = {
          category: args.category ?? null,
          source: args.source ?? null,
          measured: args.measured ?? null,
          ofKinds: args.ofKinds?.length ? args.ofKinds : null,
        };
        const compiled = compileSelection(info, ['edges', 'node']);
        const rows = await ctx.db.query(
          'translate/metric-list',
          { ...compiled.params(info.variableValues), ...filters, offset, limit: limit + 1 },
          compiled.fill,
        );
        return pageFromRows(
          rows.map((r) => compiled.read(r.entity)),
          offset,
          limit,
          async () => (await ctx.db.query('metric/count', filters))[0]?.count ?? 0,
        );
      },
    },
    {
      name: 'MetricConnection',
      description: 'A page of metrics.',
      fields: (c) => ({
        totalCount: c.int({
          description: 'How many metrics match in all (computed only when asked).',
          resolve: (p) => p.totalCount(),
        }),
      }),
    },
    { name: 'MetricEdge', description: 'One metric in a page.' },
  ),
}));
