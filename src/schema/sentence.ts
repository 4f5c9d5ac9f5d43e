import { builder } from '../builder.js';

type PothosArgs = Parameters<Parameters<typeof builder.queryFields>[0]>[0]['arg'];

import type { Context } from '../context.js';
import { apiError } from '../db/errors.js';
import type { EntityRecord, LineRecord, SentenceRecord } from '../loaders/types.js';
import { MAX_QUERY_LENGTH } from '../search/text.js';
import { Entity, Evidence } from './entity.js';
import { type PageArgs, pageFromRows, pageWindow } from './pagination.js';
import { ReportLine } from './report.js';
import { phraseThenWords, sectionArg, textSearch } from './text-search.js';

export const BlockKindEnum = builder.enumType('BlockKind', {
  description: 'What kind of block of the report a sentence comes from (seed/parse/sentences.ts decides).',
  values: {
    PARAGRAPH: { description: "Running text, joined across the PDF's line wraps (and blank lines inside a sentence)." },
    HEADING: { description: 'A chapter, section or sub-heading, or a caption standing alone.' },
    BULLET: { description: 'One bullet point (•, ●, ‧ …), with its wrapped lines.' },
    TABLE: { description: 'One row of a table or chart label (cells apart by spaces, figures without prose).' },
    KPI: { description: 'One row of the 關鍵績效 (key performance) table, or its notes.' },
    PAGE: { description: 'Page furniture: the vertical running title, a page number, the print-job footer. Names nothing.' },
  },
});

export const Sentence = builder.objectRef<SentenceRecord>('Sentence').implement({
  description:
    'A sentence of the report as a reader sees it: the PDF extraction wraps lines at a fixed width and sometimes puts a blank line inside a sentence; a sentence joins them (no space between Chinese characters, one between Latin words). Evidence, mentions and search are all read in sentences, so nothing split by a line break is lost.',
  fields: (t) => ({
    id: t.exposeID('id', {
      description: 'Stable id "sentence/<first line>.<k>": the k-th sentence starting on that line, e.g. "sentence/3667.1".',
    }),
    position: t.int({ description: 'Its place in reading order (0 is the first sentence of the report).', resolve: (s) => s.ordinal }),
    text: t.exposeString('text', { description: 'The whole sentence, joined from its lines.' }),
    lineStart: t.exposeInt('lineStart', { description: 'The 1-based line it starts on.' }),
    lineEnd: t.exposeInt('lineEnd', { description: 'The 1-based line it ends on (the same as lineStart for one line).' }),
    block: t.field({ type: BlockKindEnum, description: 'The kind of block it belongs to.', resolve: (s) => s.block as never }),
    section: t.exposeString('section', { nullable: true, description: 'Its chapter and section, e.g. "扶貧篇 › 助力持續穩定脫貧".' }),
    chapter: t.exposeString('chapter', { nullable: true, description: 'Its chapter alone, e.g. "扶貧篇".' }),
    repeated: t.boolean({
      description: 'True inside the page the PDF prints twice (lines 734–882 repeat 571–719); evidence cites the first copy.',
      resolve: (s) => s.duplicate,
    }),
    lines: t.field({
      type: [ReportLine],
      description: 'The report lines it spans, in order (blank lines included, as printed).',
      resolve: async (s, _a, ctx) => {
        const numbers = Array.from({ length: s.lineEnd - s.lineStart + 1 }, (_, i) => s.lineStart + i);
        return (await ctx.loaders.lines.loadMany(numbers)).filter((l): l is LineRecord => l != null && !(l instanceof Error));
      },
    }),
    entities: t.field({
      type: [Entity],
      description: 'The entities it names (by name or alias, also across line breaks), by id.',
      resolve: async (s, _a, ctx) =>
        (await ctx.loaders.entity.loadMany(s.entityIds)).filter((e): e is EntityRecord => e != null && !(e instanceof Error)),
    }),
  }),
});

interface SentenceFilter {
  search?: string | null;
  section?: string | null;
  entityId?: string | null;
  includeRepeated?: boolean | null;
}

/** A page of sentences: phrase hits in reading order, then (for several words) word hits best first. */
async function sentencePage(ctx: Context, filter: SentenceFilter, args: PageArgs) {
  const { offset, limit } = pageWindow(args);
  const search = textSearch(filter.search, 'search');
  const params = {
    sections: sectionArg(filter.section),
    entityId: filter.entityId ?? null,
    duplicates: filter.includeRepeated ?? false,
  };
  const one = async (name: 'sentence/list' | 'sentence/search', o: number, l: number, extra: Record<string, unknown>) => {
    const [row] = await ctx.db.query(name, { ...params, ...extra, offset: o, limit: l });
    return { total: row?.total ?? 0, rows: (row?.rows ?? []).map((r) => ({ ...r.sentence, score: r.score })) as SentenceRecord[] };
  };
  const { total, rows } = await phraseThenWords(
    offset,
    limit,
    (o, l) => one('sentence/list', o, l, { phrases: search?.phrases ?? null }),
    search?.lucene ? (o, l) => one('sentence/search', o, l, { phrases: search.phrases, lucene: search.lucene }) : null,
  );
  for (const s of rows) ctx.loaders.sentences.prime(s.id, s);
  return pageFromRows(rows, offset, limit, () => total);
}

const sentenceFilterArgs = (t: { arg: PothosArgs }) => ({
  search: t.arg.string({
    required: false,
    description: `A phrase to find, e.g. "物聯網" or "戰略合作" (Traditional, Simplified or English; 1–${MAX_QUERY_LENGTH} characters): sentences holding it come first, in reading order, also where the PDF broke it over lines; for several words, sentences holding all of them in any order follow, best first.`,
  }),
  section: t.arg.string({
    required: false,
    description: 'Only sentences whose chapter › section path contains this, e.g. "扶貧篇" or "拓合作".',
  }),
  includeRepeated: t.arg.boolean({ required: false, description: 'Also the second copy of the repeated page (default false).' }),
});

/** One connection type for every list of sentences (Query.sentences, Entity.sentences). */
const SentenceConnection = builder.connectionObject(
  {
    type: Sentence,
    name: 'SentenceConnection',
    description: 'A page of sentences of the report.',
    fields: (c) => ({
      totalCount: c.int({
        description: 'How many sentences match in all.',
        resolve: (p) => (p as unknown as { totalCount: () => number | Promise<number> }).totalCount(),
      }),
    }),
  },
  {
    name: 'SentenceEdge',
    description: 'One sentence of a page, with its relevance when it was found by its words.',
    fields: (edge) => ({
      score: edge.float({
        nullable: true,
        description: 'Full-text relevance of a word hit (higher is better); null for a phrase hit or a listing.',
        resolve: (e) => e.node.score ?? null,
      }),
    }),
  },
);

builder.queryFields((t) => ({
  sentence: t.field({
    type: Sentence,
    nullable: true,
    description: 'One sentence by id (the `sentence` of Evidence or ReportLine), e.g. "sentence/3667.1". Null when there is none.',
    args: { id: t.arg.id({ required: true, description: 'A sentence id, e.g. "sentence/3667.1".' }) },
    resolve: (_r, { id }, ctx) => ctx.loaders.sentences.load(String(id)),
  }),
  sentences: t.connection(
    {
      type: Sentence,
      description:
        'Read or search the report sentence by sentence: without arguments every sentence in reading order; `search` finds a phrase (also where the PDF broke it over lines), `mentions` keeps the sentences naming or citing an entity, `section` those of a chapter or section. `totalCount` says how many match.',
      args: {
        ...sentenceFilterArgs(t),
        mentions: t.arg.id({
          required: false,
          description: 'Only sentences that name this entity or cite it as evidence, e.g. "partner/meituan". An unknown id is NOT_FOUND.',
        }),
      },
      resolve: async (_r, args, ctx) => {
        if (args.mentions != null && !(await ctx.loaders.entity.load(String(args.mentions))))
          throw apiError(
            `No entity has the id ${JSON.stringify(args.mentions)}. Ids look like "partner/meituan"; find one with search(query:) or entity(name:).`,
            'NOT_FOUND',
            { argument: 'mentions' },
          );
        return sentencePage(ctx, { ...args, entityId: args.mentions == null ? null : String(args.mentions) }, args);
      },
    },
    SentenceConnection,
  ),
}));

builder.interfaceField(Entity, 'sentences', (t) =>
  t.connection(
    {
      type: Sentence,
      description:
        'The sentences of the report that name this entity (by any of its names, also across line breaks) or that its evidence quotes, in reading order; `search` and `section` narrow them.',
      args: sentenceFilterArgs(t),
      resolve: (e, args, ctx) => sentencePage(ctx, { ...args, entityId: e.id }, args),
    },
    SentenceConnection,
  ),
);

builder.objectField(ReportLine, 'sentence', (t) =>
  t.field({
    type: Sentence,
    nullable: true,
    description:
      'The sentence this line begins in (a line may also hold the start of the next one: see `sentences`). Null for a blank line.',
    resolve: (l, _a, ctx) => (l.sentenceIds?.[0] ? ctx.loaders.sentences.load(l.sentenceIds[0]) : null),
  }),
);

builder.objectField(ReportLine, 'sentences', (t) =>
  t.field({
    type: [Sentence],
    description: 'Every sentence this line is part of, in reading order.',
    resolve: async (l, _a, ctx) =>
      (await ctx.loaders.sentences.loadMany(l.sentenceIds ?? [])).filter((s): s is SentenceRecord => s != null && !(s instanceof Error)),
  }),
);

builder.objectField(Evidence, 'sentence', (t) =>
  t.field({
    type: Sentence,
    nullable: true,
    description: 'The whole sentence the quote comes from (the quote is part of its `text`).',
    resolve: (ev, _a, ctx) => ev.sentenceRecord ?? (ev.sentenceId ? ctx.loaders.sentences.load(ev.sentenceId) : null),
  }),
);
