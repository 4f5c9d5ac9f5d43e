import { duplicateRanges } from './duplicates.js';

/**
 * Where the report names an entity.
 *
 * Matching rules:
 * - Text and names are compared with whitespace removed, except one space kept between two ASCII word
 *   characters ("Linux Foundation", "5G NSA"), so "全 面 支 持" matches "全面支持".
 * - A name may run from the end of one line into the next non-blank line, because the PDF extraction wraps
 *   lines (and puts blank lines inside paragraphs); the mention belongs to the line where the name starts.
 *   It may not span three lines, and the line it starts on must hold at least MIN_WRAPPED_LINE_CHARS
 *   characters, so the vertical running title (中 / 國 / 聯 / 通2020) does not read as "中國聯通" or "聯通".
 * - Names shorter than two characters are ignored. ASCII names are case-sensitive and must not touch another
 *   ASCII letter, digit or underscore ("BAT" does not match "BATJ", "China Unicom" not the print-job footer
 *   "China Unicom_CSR_Chi").
 * - Lines inside the later copy of a repeated block (see ./duplicates.ts) are left out.
 * - `mentionsForAll` resolves overlaps between entities by longest match: an occurrence lying inside a
 *   longer occurrence of another entity's name that begins or ends with it is dropped, so "湖北聯通" mentions
 *   the Hubei branch and not the region 湖北, and "中國聯通國際有限公司" is not a mention of 中國聯通. A name
 *   inside a longer one ("美團" in the event "中國聯通與美團簽署戰略合作框架協議") still counts: there the
 *   shorter name is a participant, not a part of a compound proper noun. `findMentions` sees one
 *   entity only and reports every occurrence.
 */

export interface MentionEntity {
  id: string;
  names: readonly string[];
}

const MIN_NAME_CHARS = 2;
const MIN_WRAPPED_LINE_CHARS = 4;

function isWordChar(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** Whitespace removed, except a single space between two ASCII word characters. */
export function normalizeText(s: string): string {
  return s
    .trim()
    .replace(/\s+/g, (ws: string, offset: number, all: string) =>
      isWordChar(all[offset - 1]) && isWordChar(all[offset + ws.length]) ? ' ' : '',
    );
}

/** The non-blank lines normalized and concatenated, with what is needed to map an offset back to its line. */
interface TextIndex {
  text: string;
  /** For each UTF-16 unit of `text`, the ordinal of the non-blank line it comes from. */
  ordOf: Int32Array;
  /** By ordinal: the 1-based source line and its normalized length. */
  lineNo: Int32Array;
  lineLen: Int32Array;
  /** By 1-based source line: 1 inside a duplicate copy. */
  inCopy: Uint8Array;
  /** Offsets of every two-unit prefix, keyed by its two char codes. */
  bigrams: Map<number, number[]>;
}

const indexes = new WeakMap<readonly string[], TextIndex>();

function bigramKey(s: string, at: number): number {
  return s.charCodeAt(at) * 0x10000 + s.charCodeAt(at + 1);
}

function buildIndex(lines: readonly string[]): TextIndex {
  const chunks: string[] = [];
  const chunkOrd: number[] = [];
  const lineNo: number[] = [];
  const lineLen: number[] = [];
  let prev = '';
  lines.forEach((raw, i) => {
    const norm = normalizeText(raw);
    if (norm === '') return;
    const ord = lineNo.length;
    // The joining space belongs to the earlier line, where a name across the break would start.
    if (isWordChar(prev[prev.length - 1]) && isWordChar(norm[0])) {
      chunks.push(' ');
      chunkOrd.push(ord - 1);
    }
    chunks.push(norm);
    chunkOrd.push(ord);
    lineNo.push(i + 1);
    lineLen.push(norm.length);
    prev = norm;
  });

  const text = chunks.join('');
  const ordOf = new Int32Array(text.length);
  let at = 0;
  chunks.forEach((chunk, k) => {
    ordOf.fill(chunkOrd[k] ?? 0, at, at + chunk.length);
    at += chunk.length;
  });

  const bigrams = new Map<number, number[]>();
  for (let p = 0; p + 1 < text.length; p++) {
    const key = bigramKey(text, p);
    const list = bigrams.get(key);
    if (list) list.push(p);
    else bigrams.set(key, [p]);
  }

  const inCopy = new Uint8Array(lines.length + 2);
  for (const { copy } of duplicateRanges(lines)) inCopy.fill(1, copy.start, copy.end + 1);

  return { text, ordOf, lineNo: Int32Array.from(lineNo), lineLen: Int32Array.from(lineLen), inCopy, bigrams };
}

function indexFor(lines: readonly string[]): TextIndex {
  let idx = indexes.get(lines);
  if (!idx) {
    idx = buildIndex(lines);
    indexes.set(lines, idx);
  }
  return idx;
}

interface Occurrence {
  /** Offset in the index text. */
  start: number;
  length: number;
  /** 1-based source line where the name starts. */
  line: number;
}

function occurrences(idx: TextIndex, name: string): Occurrence[] {
  const n = normalizeText(name);
  if ([...n].length < MIN_NAME_CHARS) return [];
  const candidates = idx.bigrams.get(bigramKey(n, 0));
  if (!candidates) return [];
  const guardBefore = isWordChar(n[0]);
  const guardAfter = isWordChar(n[n.length - 1]);
  const out: Occurrence[] = [];
  for (const p of candidates) {
    if (!idx.text.startsWith(n, p)) continue;
    if (guardBefore && isWordChar(idx.text[p - 1])) continue;
    if (guardAfter && isWordChar(idx.text[p + n.length])) continue;
    const first = idx.ordOf[p] ?? 0;
    const last = idx.ordOf[p + n.length - 1] ?? first;
    if (last !== first && (last !== first + 1 || (idx.lineLen[first] ?? 0) < MIN_WRAPPED_LINE_CHARS)) continue;
    const line = idx.lineNo[first] ?? 0;
    if (idx.inCopy[line]) continue;
    out.push({ start: p, length: n.length, line });
  }
  return out;
}

function sortedUnique(values: Iterable<number>): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

/** Every 1-based line where one of `names` starts (see the rules at the top of this file), sorted, once each. */
export function findMentions(lines: readonly string[], names: readonly string[]): number[] {
  const idx = indexFor(lines);
  const found: number[] = [];
  for (const name of names) for (const o of occurrences(idx, name)) found.push(o.line);
  return sortedUnique(found);
}

/** `findMentions` for many entities at once, with longest-match-wins between entities. Every id gets an entry. */
export function mentionsForAll(lines: readonly string[], entities: readonly MentionEntity[]): Map<string, number[]> {
  const idx = indexFor(lines);
  const ids = [...new Set(entities.map((e) => e.id))];
  const owner = new Map(ids.map((id, i) => [id, i]));

  // Hits as parallel arrays: there can be hundreds of thousands when entities share common names.
  const hitStart: number[] = [];
  const hitLength: number[] = [];
  const hitLine: number[] = [];
  const hitEntity: number[] = [];
  const byName = new Map<string, Occurrence[]>();
  for (const e of entities) {
    const entity = owner.get(e.id) ?? 0;
    for (const name of new Set(e.names)) {
      let found = byName.get(name);
      if (!found) {
        found = occurrences(idx, name);
        byName.set(name, found);
      }
      for (const o of found) {
        hitStart.push(o.start);
        hitLength.push(o.length);
        hitLine.push(o.line);
        hitEntity.push(entity);
      }
    }
  }

  // Per start offset, the longest hit and the longest hit of any other entity: enough to decide whether some
  // other entity's longer name covers a hit, without comparing all hits that share a start.
  const best = new Int32Array(idx.text.length).fill(-1);
  const other = new Int32Array(idx.text.length).fill(-1);
  const len = (h: number): number => (h < 0 ? -1 : (hitLength[h] ?? -1));
  let maxLength = 0;
  hitStart.forEach((s, h) => {
    const length = hitLength[h] ?? 0;
    maxLength = Math.max(maxLength, length);
    const b = best[s] ?? -1;
    if (b < 0) best[s] = h;
    else if (length > len(b)) {
      if (hitEntity[h] !== hitEntity[b]) other[s] = b;
      best[s] = h;
    } else if (hitEntity[h] !== hitEntity[b] && length > len(other[s] ?? -1)) other[s] = h;
  });
  const coveredByOther = (h: number): boolean => {
    const start = hitStart[h] ?? 0;
    const length = hitLength[h] ?? 0;
    for (let s = start; s > start - maxLength && s >= 0; s--) {
      const b = best[s] ?? -1;
      if (b < 0) continue;
      const o = hitEntity[b] !== hitEntity[h] ? b : (other[s] ?? -1);
      if (len(o) > length && (s === start || s + len(o) === start + length)) return true;
    }
    return false;
  };

  const perEntity = ids.map((): number[] => []);
  hitStart.forEach((_, h) => {
    if (!coveredByOther(h)) perEntity[hitEntity[h] ?? 0]?.push(hitLine[h] ?? 0);
  });
  return new Map(ids.map((id, i) => [id, sortedUnique(perEntity[i] ?? [])]));
}
