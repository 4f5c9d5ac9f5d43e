import { sourceLines } from '../source.js';
import { TOC, type TocEntry } from './toc.js';

/** A chapter (level 1) or one of its sections (level 2); lines are 1-based and inclusive. */
export interface Section {
  id: string;
  title: string;
  level: 1 | 2;
  startLine: number;
  endLine: number;
  parentId?: string;
}

export interface LineSection {
  id: string;
  title: string;
  /** Chapter and section titles joined by " › ", e.g. "扶貧篇 › 助力持續穩定脫貧". */
  path: string;
}

const PATH_SEPARATOR = ' › ';

function describe(entry: TocEntry, index: number): string {
  return `TOC entry #${index + 1} "${entry.title}" (level ${entry.level}, line ${entry.line})`;
}

/** Throws, naming the entry, unless every entry's title (or anchor) is on its line and the order is sound. */
export function verifyToc(lines: readonly string[], toc: readonly TocEntry[] = TOC): void {
  const first = toc[0];
  if (!first) throw new Error('TOC is empty');
  if (first.line !== 1 || first.level !== 1) {
    throw new Error(`${describe(first, 0)}: the first entry must be a chapter on line 1 so that every line has a section`);
  }
  toc.forEach((entry, i) => {
    const text = lines[entry.line - 1];
    if (text === undefined) throw new Error(`${describe(entry, i)}: the source has only ${lines.length} lines`);
    const expected = entry.anchor ?? entry.title;
    if (!text.includes(expected)) {
      throw new Error(`${describe(entry, i)}: line ${entry.line} does not contain "${expected}"; it reads "${text.trim()}"`);
    }
    const prev = toc[i - 1];
    if (!prev) return;
    // A chapter may share its first line with its first section, never the other way round.
    const sameLineOk = prev.line === entry.line && prev.level === 1 && entry.level === 2;
    if (entry.line < prev.line || (entry.line === prev.line && !sameLineOk)) {
      throw new Error(`${describe(entry, i)}: out of order after ${describe(prev, i - 1)}`);
    }
  });
}

/** The chapters and sections of the report, in source order, each spanning up to the next of its level or above. */
export function sectionsOf(lines: readonly string[], toc: readonly TocEntry[] = TOC): Section[] {
  verifyToc(lines, toc);
  const sections: Section[] = [];
  let parentId: string | undefined;
  toc.forEach((entry, i) => {
    const next = toc.slice(i + 1).find((e) => e.level <= entry.level);
    const id = `section/${i + 1}`;
    const section: Section = {
      id,
      title: entry.title,
      level: entry.level,
      startLine: entry.line,
      endLine: next ? next.line - 1 : lines.length,
    };
    if (entry.level === 1) parentId = id;
    else if (parentId !== undefined) section.parentId = parentId;
    sections.push(section);
  });
  return sections;
}

/** The innermost section holding `line`, or undefined outside the text. */
export function sectionAt(sections: readonly Section[], line: number): Section | undefined {
  let found: Section | undefined;
  for (const s of sections) {
    if (s.startLine > line) break;
    if (line <= s.endLine && (!found || s.level > found.level)) found = s;
  }
  return found;
}

/** "Chapter › Section" for a section. */
export function pathOf(sections: readonly Section[], section: Section): string {
  const parent = section.parentId === undefined ? undefined : sections.find((s) => s.id === section.parentId);
  return parent ? `${parent.title}${PATH_SEPARATOR}${section.title}` : section.title;
}

let cached: readonly Section[] | undefined;

/** The sections of the source report (computed once). */
export function reportSections(): readonly Section[] {
  cached ??= sectionsOf(sourceLines());
  return cached;
}

/** The section of a 1-based line of the source report; throws for a line outside it. */
export function sectionForLine(line: number): LineSection {
  const sections = reportSections();
  const section = Number.isInteger(line) ? sectionAt(sections, line) : undefined;
  if (!section) throw new RangeError(`line ${line} is outside the source (1–${sourceLines().length})`);
  return { id: section.id, title: section.title, path: pathOf(sections, section) };
}
