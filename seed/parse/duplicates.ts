import { sourceLines } from '../source.js';

/** 1-based, inclusive. */
export interface LineRange {
  start: number;
  end: number;
}

/** A block of text and a later repetition of it. */
export interface DuplicateRange {
  original: LineRange;
  copy: LineRange;
}

export interface DuplicateOptions {
  /** Lines shorter than this (after removing whitespace) are skipped: page numbers, the vertical running title. */
  minLineChars?: number;
  /** A repeated run must have at least this many non-trivial lines ... */
  minLines?: number;
  /** ... and this many characters in all, so that repeated table headers or captions do not count. */
  minChars?: number;
}

const DEFAULTS: Required<DuplicateOptions> = { minLineChars: 4, minLines: 5, minChars: 80 };

interface KeyLine {
  line: number;
  key: string;
}

/** Non-trivial lines with whitespace removed; blank, short and letterless lines are left out. */
function keyLines(lines: readonly string[], minLineChars: number): KeyLine[] {
  const out: KeyLine[] = [];
  lines.forEach((text, i) => {
    const key = text.replace(/\s+/g, '');
    if ([...key].length >= minLineChars && /\p{L}/u.test(key)) out.push({ line: i + 1, key });
  });
  return out;
}

/**
 * Maximal runs of non-trivial lines that reappear, in the same order, later in the text. Blank and trivial
 * lines in between are skipped on both sides, so a copy is found even where the extraction spaced it
 * differently. A text repeated three times gives three pairs (first–second, first–third, second–third).
 */
export function duplicateRanges(lines: readonly string[], options: DuplicateOptions = {}): DuplicateRange[] {
  const { minLineChars, minLines, minChars } = { ...DEFAULTS, ...options };
  const seq = keyLines(lines, minLineChars);
  const positions = new Map<string, number[]>();
  seq.forEach(({ key }, i) => {
    const list = positions.get(key);
    if (list) list.push(i);
    else positions.set(key, [i]);
  });

  const keyAt = (i: number): string | undefined => seq[i]?.key;
  const found: DuplicateRange[] = [];
  for (const list of positions.values()) {
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const a = list[x];
        const b = list[y];
        if (a === undefined || b === undefined) continue;
        // Only start at the first line of a run; later lines of the same run are covered by the extension.
        if (a > 0 && keyAt(a - 1) === keyAt(b - 1)) continue;
        let len = 0;
        let chars = 0;
        while (a + len < b && b + len < seq.length && keyAt(a + len) === keyAt(b + len)) {
          chars += [...(keyAt(a + len) ?? '')].length;
          len++;
        }
        const aFirst = seq[a];
        const aLast = seq[a + len - 1];
        const bFirst = seq[b];
        const bLast = seq[b + len - 1];
        if (len < minLines || chars < minChars || !aFirst || !aLast || !bFirst || !bLast) continue;
        found.push({
          original: { start: aFirst.line, end: aLast.line },
          copy: { start: bFirst.line, end: bLast.line },
        });
      }
    }
  }
  return found.sort((p, q) => p.copy.start - q.copy.start || p.original.start - q.original.start);
}

/** Whether 1-based `line` lies inside the later copy of a repeated block. */
export function isInCopy(ranges: readonly DuplicateRange[], line: number): boolean {
  return ranges.some(({ copy }) => line >= copy.start && line <= copy.end);
}

let cached: readonly DuplicateRange[] | undefined;

/** The repeated blocks of the source report (computed once). */
export function reportDuplicateRanges(): readonly DuplicateRange[] {
  cached ??= duplicateRanges(sourceLines());
  return cached;
}

/** True for lines of the source report inside a later copy: facts and mentions there are already counted. */
export function isDuplicateLine(n: number): boolean {
  return isInCopy(reportDuplicateRanges(), n);
}
