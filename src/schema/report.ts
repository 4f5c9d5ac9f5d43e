import { builder } from '../builder.js';
import { apiError } from '../db/errors.js';
import type { LineRecord } from '../loaders/types.js';
import { luceneQuery, MAX_QUERY_LENGTH, normalizeQuery, scriptVariants } from '../search/text.js';
import { intInRange } from './args.js';
import { Entity } from './entity.js';
import { pageFromRows, pageWindow } from './pagination.js';

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
        'Read or search the report itself: lines containing `search` (full-text, Traditional or Simplified, words in any order; best first), or without `search` every line in order; `section` keeps lines of matching chapters or sections only (e.g. "扶貧篇", "拓合作"). The repeated page is left out unless `includeRepeated`.',
      args: {
        search: t.arg.string({
          required: false,
          description: `Words to look for, e.g. "簽署戰略合作" (1–${MAX_QUERY_LENGTH} characters).`,
        }),
        section: t.arg.string({
          required: false,
          description: 'Only lines whose chapter › section path contains this, e.g. "扶貧篇" or "助力持續穩定脫貧".',
        }),
        includeRepeated: t.arg.boolean({ required: false, description: 'Also the second copy of the repeated page (default false).' }),
      },
      resolve: async (_r, args, ctx) => {
        const { offset, limit } = pageWindow(args);
        for (const [name, value] of [
          ['search', args.search],
          ['section', args.section],
        ] as const)
          if (value != null && value.length > MAX_QUERY_LENGTH)
            throw apiError(`\`${name}\` is ${value.length} characters long; at most ${MAX_QUERY_LENGTH} are allowed.`, 'BAD_USER_INPUT', {
              argument: name,
            });
        const q = args.search == null ? null : normalizeQuery(args.search);
        if (q === '')
          throw apiError('`search` is empty: type some words, e.g. "簽署", or leave it out.', 'BAD_USER_INPUT', { argument: 'search' });
        const section = args.section == null ? '' : normalizeQuery(args.section);
        const params = {
          sections: section ? scriptVariants(section) : null,
          duplicates: args.includeRepeated ?? false,
          offset,
          limit: limit + 1,
        };
        // The cjk analyzer indexes bigrams: one CJK character (or no search) scans the lines instead.
        const rows =
          q != null && [...q].length >= 2
            ? await ctx.db.query('line/search', { ...params, lucene: luceneQuery(scriptVariants(q)) })
            : await ctx.db.query('line/contains', {
                ...params,
                variants: q == null ? null : scriptVariants(q),
              });
        const lines = rows.map((r) => ({ ...r.line, score: r.score ?? undefined }));
        for (const l of lines) ctx.loaders.lines.prime(l.number, l);
        return pageFromRows(lines, offset, limit, () => 0);
      },
    },
    { name: 'ReportLineConnection', description: 'A page of report lines.' },
    {
      name: 'ReportLineEdge',
      description: 'One line of a page, with its relevance when searched.',
      fields: (edge) => ({
        score: edge.float({
          nullable: true,
          description: 'Full-text relevance (higher is better); null when the lines were listed in order.',
          resolve: (e) => (e as unknown as { node: LineRecord }).node.score ?? null,
        }),
      }),
    },
  ),
}));
