import { builder } from '../builder.js';
import { apiError } from '../db/errors.js';
import type { LineRecord } from '../loaders/types.js';
import { MAX_QUERY_LENGTH } from '../search/text.js';
import { intInRange } from './args.js';
import { Entity } from './entity.js';
import { pageFromRows, pageWindow } from './pagination.js';
import { phraseThenWords, sectionArg, textSearch } from './text-search.js';

export const MAX_CONTEXT = 20;

function contextCount(value: number | null | undefined): number {
  return intInRange('count', value ?? 2, 0, MAX_CONTEXT);
}

export const ReportLine = builder.objectRef<LineRecord>('ReportLine');

ReportLine.implement({
  description:
    'One line of the report text (seed/source/china-unicom-csr-2020.zh-Hant.txt) as the PDF extraction gave it: every evidence quote and mention points at one. Read its neighbours with `before` and `after`.',
  fields: (t) => ({
    number: t.exposeInt('number', { description: '1-based line number (the `line` of Evidence and Mention).' }),
    text: t.exposeString('text', { description: 'The whole line, as extracted from the PDF (sentences often run on to the next line).' }),
    section: t.exposeString('section', {
      nullable: true,
      description: 'The chapter and section it belongs to, e.g. "扶貧篇 › 助力持續穩定脫貧".',
    }),
    repeated: t.boolean({
      description: 'True inside the page the PDF prints twice (lines 734–882 repeat 571–719); evidence cites the first copy.',
      resolve: (l) => l.duplicate,
    }),
    before: t.field({
      type: [ReportLine],
      description: `The \`count\` lines just before this one, in reading order (default 2, at most ${MAX_CONTEXT}).`,
      args: { count: t.arg.int({ required: false, description: 'How many lines (0–20, default 2).' }) },
      resolve: async (l, { count }, ctx) => {
        const n = contextCount(count);
        const numbers = Array.from({ length: n }, (_, i) => l.number - n + i).filter((x) => x >= 1);
        return (await ctx.loaders.lines.loadMany(numbers)).filter((x): x is LineRecord => x != null && !(x instanceof Error));
      },
    }),
    after: t.field({
      type: [ReportLine],
      description: `The \`count\` lines just after this one, in reading order (default 2, at most ${MAX_CONTEXT}).`,
      args: { count: t.arg.int({ required: false, description: 'How many lines (0–20, default 2).' }) },
      resolve: async (l, { count }, ctx) => {
        const n = contextCount(count);
        const numbers = Array.from({ length: n }, (_, i) => l.number + 1 + i);
        return (await ctx.loaders.lines.loadMany(numbers)).filter((x): x is LineRecord => x != null && !(x instanceof Error));
      },
    }),
    entities: t.field({
      type: [Entity],
      description: 'Entities this line names (see Entity.mentions) or cites as their evidence, by id.',
      resolve: (l, _a, ctx) => ctx.loaders.lineEntities.load(l.number),
    }),
  }),
});

builder.queryFields((t) => ({
  line: t.field({
    type: ReportLine,
    nullable: true,
    description:
      'One line of the report by number (the `line` of any Evidence or Mention), with its section; `before` and `after` give its neighbours. Null past the last line.',
    args: { number: t.arg.int({ required: true, description: '1-based line number, e.g. 3667.' }) },
    resolve: (_r, { number }, ctx) => {
      if (number < 1) throw apiError(`\`number\` must be 1 or more; got ${number}.`, 'BAD_USER_INPUT', { argument: 'number' });
      return ctx.loaders.lines.load(number);
    },
  }),
  lines: t.connection(
    {
      type: ReportLine,
      description:
        'Read or search the report line by line: without `search` every line in order; with it, first every line where the phrase STARTS (also when the PDF broke it onto the next line), in line order, then, for several words, lines holding all of them in any order, best first. Traditional, Simplified and English alike. `section` keeps lines of matching chapters or sections only (e.g. "扶貧篇", "拓合作"). The repeated page is left out unless `includeRepeated`. To read whole sentences, use `sentences`.',
      args: {
        search: t.arg.string({
          required: false,
          description: `A phrase or words to look for, e.g. "簽署戰略合作" or "物聯網" (1–${MAX_QUERY_LENGTH} characters).`,
        }),
        section: t.arg.string({
          required: false,
          description: 'Only lines whose chapter › section path contains this, e.g. "扶貧篇" or "助力持續穩定脫貧".',
        }),
        includeRepeated: t.arg.boolean({ required: false, description: 'Also the second copy of the repeated page (default false).' }),
      },
      resolve: async (_r, args, ctx) => {
        const { offset, limit } = pageWindow(args);
        const search = textSearch(args.search, 'search');
        const params = { sections: sectionArg(args.section), duplicates: args.includeRepeated ?? false };
        const one = async (name: 'line/phrase' | 'line/words', o: number, l: number, extra: Record<string, unknown>) => {
          const [row] = await ctx.db.query(name, { ...params, ...extra, offset: o, limit: l });
          return { total: row?.total ?? 0, rows: (row?.rows ?? []).map((r) => ({ ...r.line, score: r.score })) as LineRecord[] };
        };
        const { total, rows } = await phraseThenWords(
          offset,
          limit,
          (o, l) => one('line/phrase', o, l, { phrases: search?.phrases ?? null }),
          search?.lucene ? (o, l) => one('line/words', o, l, { phrases: search.phrases, lucene: search.lucene }) : null,
        );
        for (const l of rows) ctx.loaders.lines.prime(l.number, l);
        return pageFromRows(rows, offset, limit, () => total);
      },
    },
    {
      name: 'ReportLineConnection',
      description: 'A page of report lines.',
      fields: (c) => ({
        totalCount: c.int({
          description: 'How many lines match in all (for a search: lines where the phrase starts, then lines holding all the words).',
          resolve: (p) => p.totalCount(),
        }),
      }),
    },
    {
      name: 'ReportLineEdge',
      description: 'One line of a page, with its relevance when searched.',
      fields: (edge) => ({
        score: edge.float({
          nullable: true,
          description: 'Full-text relevance of a word hit (higher is better); null for a line where the phrase starts, or a listing.',
          resolve: (e) => (e as unknown as { node: LineRecord }).node.score ?? null,
        }),
      }),
    },
  ),
}));
