/**
 * The report's lines as blocks and sentences.
 *
 * The source is a PDF extraction: paragraphs wrap at a fixed width, blank lines sometimes fall inside a
 * sentence (at a page or column break), headings, bullets and table rows sit between them. This module
 * rebuilds the text a reader sees:
 *
 * - **Joining.** Lines are trimmed and concatenated with nothing between them, except one space where an
 *   ASCII letter or digit ends one line and another begins the next ("Linux" + "Foundation"). `joinLines`
 *   is THE joined text: evidence spans are checked against it, mentions and search count in it.
 * - **Blocks.** A blank line ends a block unless the text before it is plainly unfinished: no sentence
 *   end (。！？ or a closing quote after one) and a line of at least CONTINUATION_MIN_CHARS characters (a
 *   short unpunctuated line is a heading or a caption). A heading (a marker-led or short stand-alone
 *   line), a bullet (•, ●, ‧ ...), a table row (cells apart by runs of spaces, figures without prose) and
 *   the KPI table are blocks of their own kind; so is page furniture (PAGE: the vertical running title
 *   中/國/聯/通2020/年/社 ..., page numbers, the print-job footer), which names nothing.
 * - **Sentences.** A block splits after 。！？!? (with any closing quotes or brackets that follow);
 *   what follows the last end is a sentence too (headings, bullets without a full stop).
 */

export const BLOCK_KINDS = ['PARAGRAPH', 'HEADING', 'BULLET', 'TABLE', 'KPI', 'PAGE'] as const;
export type BlockKind = (typeof BLOCK_KINDS)[number];

export interface ParsedSentence {
  /** `sentence/<lineStart>.<k>`: the k-th sentence (1-based) starting on that line. Stable while that line's text is. */
  id: string;
  /** 0-based position in reading order. */
  ordinal: number;
  text: string;
  lineStart: number;
  lineEnd: number;
  block: BlockKind;
  /** 0-based ordinal of its block. */
  blockOrdinal: number;
  /** Offset of the sentence in the joined text of its block, and the block's joined text's line map. */
  lineOf: (offsetInSentence: number) => number;
}

export interface ParseOptions {
  /** 1-based inclusive line ranges of the KPI table (seed/parse/kpi-table.ts kpiTableRange). */
  kpi?: { start: number; end: number };
}

/** Below this many characters, an unpunctuated line before a blank ends its block (headings, captions). */
export const CONTINUATION_MIN_CHARS = 14;
/** A stand-alone unpunctuated line this short is a heading. */
const HEADING_MAX_CHARS = 24;
/** A line led by the section icon and followed by text at once is a heading up to this long, else a paragraph's start. */
const ICON_HEADING_MAX_CHARS = 16;

const isAsciiWord = (ch: string | undefined): boolean => ch !== undefined && /[A-Za-z0-9_]/.test(ch);

/** The line's text as joined: surrounding whitespace (ASCII, ideographic, en spaces) removed. */
export const trimLine = (s: string): string => s.replace(/^[\s\u3000\u2002\u00a0]+|[\s\u3000\u2002\u00a0]+$/g, '');

/** Joins trimmed, non-blank line texts the one way (see the top of this file). */
export function joinTexts(texts: readonly string[]): string {
  let out = '';
  for (const raw of texts) {
    const t = trimLine(raw);
    if (t === '') continue;
    if (out !== '' && isAsciiWord(out[out.length - 1]) && isAsciiWord(t[0])) out += ' ';
    out += t;
  }
  return out;
}

/** THE joined text of 1-based lines `from..to` (blank lines skipped): what a span quote is checked against. */
export function joinLines(lines: readonly string[], from: number, to: number): string {
  return joinTexts(lines.slice(from - 1, to));
}

/** A joined text that remembers, for each UTF-16 unit, the 1-based line it came from. */
export interface JoinedText {
  text: string;
  line: Int32Array;
}

export function joinWithLines(lines: readonly string[], numbers: readonly number[]): JoinedText {
  let text = '';
  const at: number[] = [];
  for (const n of numbers) {
    const t = trimLine(lines[n - 1] ?? '');
    if (t === '') continue;
    if (text !== '' && isAsciiWord(text[text.length - 1]) && isAsciiWord(t[0])) {
      text += ' ';
      at.push(at[at.length - 1] ?? n);
    }
    text += t;
    for (let i = 0; i < t.length; i++) at.push(n);
  }
  return { text, line: Int32Array.from(at) };
}

const BULLET = /^[•●‧·▪■◆◇○◎►▶✓√]/;
/** A sentence ends after one of these, with any closing quotes or brackets that follow. */
const SENTENCE_END = /[。！？!?]+[」』）)”’》]*/g;
/** Text that ends a sentence, so a following blank line ends the block. */
const ENDS_SENTENCE = /[。！？!?；;：:][」』）)”’》]*$/;
const HAS_HAN = /\p{Script=Han}/u;
const PRINT_FOOTER = /China Unicom_CSR_Chi/;
/** A line of the vertical running title: at most one Han character and a few others ("中", "通2020"). */
const isTitleChip = (t: string): boolean => t !== '' && [...t].length <= 6 && (t.match(/\p{Script=Han}/gu)?.length ?? 0) <= 1;
/** Lines of the vertical running title come in runs of at least this many chips (blank lines between allowed). */
const TITLE_RUN = 4;

/** 1-based numbers of the page-furniture lines: print footers, page numbers, runs of running-title chips. */
export function pageLines(lines: readonly string[]): Set<number> {
  const out = new Set<number>();
  let run: number[] = [];
  const endRun = () => {
    if (run.length >= TITLE_RUN) for (const n of run) out.add(n);
    run = [];
  };
  lines.forEach((raw, i) => {
    const t = trimLine(raw);
    if (t === '') return;
    if (PRINT_FOOTER.test(t)) out.add(i + 1);
    if (isTitleChip(t) && !/^\d+(\.\d+)?%?$/.test(t)) run.push(i + 1);
    else endRun();
  });
  endRun();
  // A page number: a bare number of 1-3 digits between blank lines.
  lines.forEach((raw, i) => {
    if (/^\d{1,3}$/.test(trimLine(raw)) && trimLine(lines[i - 1] ?? '') === '' && trimLine(lines[i + 1] ?? '') === '') out.add(i + 1);
  });
  return out;
}

/** A table row: cells apart by runs of 3+ spaces, or figures and labels without prose punctuation. */
function isTableRow(raw: string): boolean {
  const t = trimLine(raw);
  if (/\S(?: {3,}|\u3000{2,})\S/.test(t) && !/[。，]/.test(t)) return true;
  // "36.8% 63.2%", "98641 (China Unicom_CSR_Chi) 2", "S1.1 P43–44": figures or index codes, no sentence.
  if (!HAS_HAN.test(t) && /\d/.test(t) && !/[.!?]\s+[A-Z]/.test(t)) return true;
  // "桿路共建率（%） 91 91 95": a label and two or more figures.
  return /(?:\s+[<>≥≤]?\d[\d.,]*%?){2,}$/.test(t) && !/[。，]/.test(t);
}

/** Brackets a heading never leaves open: a line that opens one runs on. */
const UNCLOSED = [
  ['「', '」'],
  ['《', '》'],
  ['（', '）'],
  ['(', ')'],
] as const;

/** A heading-like line: short, unpunctuated, no bracket left open. */
function headingLike(raw: string): boolean {
  const t = trimLine(raw);
  if (t === '' || [...t].length > HEADING_MAX_CHARS) return false;
  if (UNCLOSED.some(([open, close]) => t.split(open).length > t.split(close).length)) return false;
  return !/[。，、；：！？,;]/.test(t);
}

interface RawBlock {
  kind: BlockKind;
  lines: number[];
}

/** The report's lines grouped into blocks (see the top of this file); line numbers are 1-based. */
export function blocksOf(lines: readonly string[], opts: ParseOptions = {}): RawBlock[] {
  const blocks: RawBlock[] = [];
  let current: RawBlock | undefined;
  let blankBefore = true;
  const inKpi = (n: number) => opts.kpi !== undefined && n >= opts.kpi.start && n <= opts.kpi.end;
  const furniture = pageLines(lines);
  const pages: RawBlock[] = [];
  let textSinceFurniture = true;
  const nextNonBlank = (i: number): string | undefined => {
    for (let j = i + 1; j < lines.length; j++) if (trimLine(lines[j] ?? '') !== '') return lines[j];
    return undefined;
  };
  const flush = () => {
    if (current) blocks.push(current);
    current = undefined;
  };
  const start = (kind: BlockKind, n: number) => {
    flush();
    current = { kind, lines: [n] };
  };

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const n = i + 1;
    const t = trimLine(raw);
    if (t === '') {
      blankBefore = true;
      continue;
    }
    const afterBlank = blankBefore;
    if (furniture.has(n)) {
      // Furniture sits between pages; the text around it runs on as across a blank line.
      const last = pages.at(-1);
      if (last && !textSinceFurniture) last.lines.push(n);
      else pages.push({ kind: 'PAGE', lines: [n] });
      textSinceFurniture = false;
      blankBefore = true;
      continue;
    }
    blankBefore = false;
    textSinceFurniture = true;
    if (inKpi(n)) {
      if (current?.kind === 'KPI') current.lines.push(n);
      else start('KPI', n);
      continue;
    }
    if (BULLET.test(t)) {
      start('BULLET', n);
      continue;
    }
    if (isTableRow(raw)) {
      // Rows of one table stay one block, each row its own sentence (see sentencesOf).
      if (current?.kind === 'TABLE' && !afterBlank) current.lines.push(n);
      else start('TABLE', n);
      continue;
    }
    const prevText = current ? trimLine(lines[(current.lines.at(-1) ?? 1) - 1] ?? '') : '';
    const prevEnded = ENDS_SENTENCE.test(prevText);
    const startsBlock = !current || current.kind === 'HEADING' || current.kind === 'TABLE' || current.kind === 'KPI' || prevEnded;
    // A heading stands alone: a block start that is short and unpunctuated, with a blank line (or a new
    // block) after it; or any line the PDF led with its section icon (now a leading space) at a block start.
    if (headingLike(raw) && (afterBlank || startsBlock)) {
      const next = nextNonBlank(i);
      // The icon also leads some paragraphs: a heading it leads is short or stands alone.
      const iconLed = /^[ \u2002\u3000]/.test(raw) && [...t].length <= ICON_HEADING_MAX_CHARS;
      const blankAfter = trimLine(lines[i + 1] ?? '') === '';
      if (iconLed || blankAfter || next === undefined || BULLET.test(trimLine(next))) {
        start('HEADING', n);
        continue;
      }
    }
    if (!current || startsBlock) {
      start('PARAGRAPH', n);
      continue;
    }
    if (!afterBlank) {
      current.lines.push(n);
      continue;
    }
    // A blank line after unfinished text: the sentence runs on when the line before was a full one.
    if ([...prevText].length >= CONTINUATION_MIN_CHARS) current.lines.push(n);
    else start('PARAGRAPH', n);
  }
  flush();
  return [...blocks, ...pages].sort((a, b) => (a.lines[0] ?? 0) - (b.lines[0] ?? 0));
}

/** Splits a joined text into sentence ranges [start, end) after each sentence end. */
export function splitSentences(text: string): [number, number][] {
  const out: [number, number][] = [];
  let from = 0;
  for (const m of text.matchAll(SENTENCE_END)) {
    const end = (m.index ?? 0) + m[0].length;
    if (text.slice(from, end).trim() !== '') out.push([from, end]);
    from = end;
  }
  if (text.slice(from).trim() !== '') out.push([from, text.length]);
  return out;
}

/** Every sentence of the report, in reading order. */
export function sentencesOf(lines: readonly string[], opts: ParseOptions = {}): ParsedSentence[] {
  const out: ParsedSentence[] = [];
  const perLine = new Map<number, number>();
  blocksOf(lines, opts).forEach((block, blockOrdinal) => {
    // Table and KPI rows are read one row at a time; a paragraph as its joined text.
    const groups = block.kind === 'TABLE' || block.kind === 'KPI' || block.kind === 'PAGE' ? block.lines.map((n) => [n]) : [block.lines];
    for (const group of groups) {
      const joined = joinWithLines(lines, group);
      for (const [s, e] of splitSentences(joined.text)) {
        let a = s;
        let b = e;
        while (a < b && /\s/.test(joined.text[a] ?? '')) a++;
        while (b > a && /\s/.test(joined.text[b - 1] ?? '')) b--;
        const lineStart = joined.line[a] ?? group[0] ?? 1;
        const lineEnd = joined.line[b - 1] ?? lineStart;
        const k = (perLine.get(lineStart) ?? 0) + 1;
        perLine.set(lineStart, k);
        const base = a;
        out.push({
          id: `sentence/${lineStart}.${k}`,
          ordinal: out.length,
          text: joined.text.slice(a, b),
          lineStart,
          lineEnd,
          block: block.kind,
          blockOrdinal,
          lineOf: (offset) => joined.line[base + offset] ?? lineStart,
        });
      }
    }
  });
  return out;
}
