import { duplicateRanges } from './duplicates.js';
import { kpiTableRange } from './kpi-table.js';
import { type ParsedSentence, sentencesOf } from './sentences.js';

/**
 * Where the report names an entity.
 *
 * Matching rules:
 * - Text and names are compared with whitespace removed, except one space kept between two ASCII word
 *   characters ("Linux Foundation", "5G NSA"), so "全 面 支 持" matches "全面支持".
 * - Names are found in the report's sentences (./sentences.ts), so a name the PDF wrapped over any number of
 *   lines, or over a blank line inside a sentence, is found; the mention belongs to the line where the
 *   name starts, and to its sentence. A name never runs from one sentence into the next, and page
 *   furniture (the vertical running title 中 / 國 / 聯 / 通2020, page numbers) names nothing.
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

/** The sentences normalized and concatenated (a newline between two), with what maps an offset back. */
interface TextIndex {
  text: string;
  /** For each UTF-16 unit of `text`: the 1-based source line it comes from, and its sentence's index. */
  lineAt: Int32Array;
  sentenceAt: Int32Array;
  /** For each UTF-16 unit of `text`: its offset in its sentence's own text (ParsedSentence.text). */
  rawAt: Int32Array;
  sentences: readonly ParsedSentence[];
  /** Offsets of every two-unit prefix, keyed by its two char codes. */
  bigrams: Map<number, number[]>;
}

const indexes = new WeakMap<readonly string[], TextIndex>();

function bigramKey(s: string, at: number): number {
  return s.charCodeAt(at) * 0x10000 + s.charCodeAt(at + 1);
}

/** The report's sentences, with the KPI table as its own block where the text has one. */
export function reportSentences(lines: readonly string[]): ParsedSentence[] {
  let kpi: { start: number; end: number } | undefined;
  try {
    kpi = kpiTableRange(lines);
  } catch {
    kpi = undefined; // a text without the KPI table (a test excerpt)
  }
  return sentencesOf(lines, { kpi });
}

/** The sentences that can name something: not page furniture, not inside the later copy of a repeated block. */
export function namingSentences(lines: readonly string[], sentences: readonly ParsedSentence[]): ParsedSentence[] {
  const inCopy = new Uint8Array(lines.length + 2);
  for (const { copy } of duplicateRanges(lines)) inCopy.fill(1, copy.start, copy.end + 1);
  return sentences.filter((s) => s.block !== 'PAGE' && !inCopy[s.lineStart]);
}

function buildIndex(lines: readonly string[]): TextIndex {
  const sentences = namingSentences(lines, reportSentences(lines));
  let text = '';
  const lineAt: number[] = [];
  const sentenceAt: number[] = [];
  const rawAt: number[] = [];
  sentences.forEach((s, k) => {
    // Normalize character by character so that every kept unit still knows its line.
    const raw = s.text;
    for (let i = 0; i < raw.length; i++) {
      const ch = raw[i] ?? '';
      if (/\s/.test(ch)) {
        let j = i;
        while (j < raw.length && /\s/.test(raw[j] ?? '')) j++;
        if (isWordChar(raw[i - 1]) && isWordChar(raw[j])) {
          text += ' ';
          lineAt.push(s.lineOf(i));
          sentenceAt.push(k);
          rawAt.push(i);
        }
        i = j - 1;
        continue;
      }
      text += ch;
      lineAt.push(s.lineOf(i));
      sentenceAt.push(k);
      rawAt.push(i);
    }
    text += '\n';
    lineAt.push(0);
    sentenceAt.push(-1);
    rawAt.push(raw.length);
  });

  const bigrams = new Map<number, number[]>();
  for (let p = 0; p + 1 < text.length; p++) {
    const key = bigramKey(text, p);
    const list = bigrams.get(key);
    if (list) list.push(p);
    else bigrams.set(key, [p]);
  }
  return {
    text,
    lineAt: Int32Array.from(lineAt),
    sentenceAt: Int32Array.from(sentenceAt),
    rawAt: Int32Array.from(rawAt),
    sentences,
    bigrams,
  };
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
  /** Index of its sentence in TextIndex.sentences. */
  sentence: number;
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
    // The name contains no newline, so it lies inside one sentence.
    out.push({ start: p, length: n.length, line: idx.lineAt[p] ?? 0, sentence: idx.sentenceAt[p] ?? -1 });
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

/** Where one entity is named: lines (where each occurrence starts), sentence ids, and the occurrences counted. */
export interface EntityMentions {
  lines: number[];
  sentences: string[];
  occurrences: number;
}

/** Options of the matching shared by `mentionsForAll` and `sentenceMentions`. */
export interface MentionOptions {
  /**
   * Phrases that hold a name without naming its entity (南京東路 is a street, not JD.com's 京東): inside an
   * occurrence of `phrase`, an occurrence of `name` is no mention (other names there still are). A person
   * edits the list in seed/rules/not-names.yaml.
   */
  notNames?: readonly { phrase: string; name: string }[];
}

/** The occurrences kept after longest-match-wins and not-names, as parallel arrays. */
interface KeptHits {
  idx: TextIndex;
  ids: string[];
  start: number[];
  length: number[];
  line: number[];
  sentence: number[];
  entity: number[];
}

function keptHits(lines: readonly string[], entities: readonly MentionEntity[], opts: MentionOptions): KeptHits {
  const idx = indexFor(lines);
  const ids = [...new Set(entities.map((e) => e.id))];
  const owner = new Map(ids.map((id, i) => [id, i]));

  // Hits as parallel arrays: there can be hundreds of thousands when entities share common names.
  const hitStart: number[] = [];
  const hitLength: number[] = [];
  const hitLine: number[] = [];
  const hitSentence: number[] = [];
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
        hitSentence.push(o.sentence);
        hitEntity.push(entity);
      }
    }
  }
  // Where each not-name hides a name: "offset:name" for each occurrence of `name` inside one of `phrase`.
  const hidden = new Set<string>();
  for (const { phrase, name } of opts.notNames ?? []) {
    const [p, n] = [normalizeText(phrase), normalizeText(name)];
    for (const o of occurrences(idx, phrase))
      for (let at = p.indexOf(n); at >= 0; at = p.indexOf(n, at + 1)) hidden.add(`${o.start + at}:${n}`);
  }

  // A hit is dropped when a longer hit of another entity in the same sentence contains it and begins or
  // ends with it, or when a not-name hides it. Hits are compared within their sentence only (a
  // few dozen at most).
  const bySentence = new Map<number, number[]>();
  hitSentence.forEach((k, h) => {
    const list = bySentence.get(k);
    if (list) list.push(h);
    else bySentence.set(k, [h]);
  });
  const dropped = (h: number): boolean => {
    const start = hitStart[h] ?? 0;
    const end = start + (hitLength[h] ?? 0);
    if (hidden.has(`${start}:${idx.text.slice(start, end)}`)) return true;
    for (const o of bySentence.get(hitSentence[h] ?? -1) ?? []) {
      if (hitEntity[o] === hitEntity[h]) continue;
      const oStart = hitStart[o] ?? 0;
      const oEnd = oStart + (hitLength[o] ?? 0);
      if (oEnd - oStart > end - start && oStart <= start && end <= oEnd && (oStart === start || oEnd === end)) return true;
    }
    return false;
  };
  const kept: KeptHits = { idx, ids, start: [], length: [], line: [], sentence: [], entity: [] };
  hitStart.forEach((start, h) => {
    if (dropped(h)) return;
    kept.start.push(start);
    kept.length.push(hitLength[h] ?? 0);
    kept.line.push(hitLine[h] ?? 0);
    kept.sentence.push(hitSentence[h] ?? -1);
    kept.entity.push(hitEntity[h] ?? 0);
  });
  return kept;
}

/** `findMentions` for many entities at once, with longest-match-wins between entities. Every id gets an entry. */
export function mentionsForAll(
  lines: readonly string[],
  entities: readonly MentionEntity[],
  opts: MentionOptions = {},
): Map<string, EntityMentions> {
  const { idx, ids, ...hits } = keptHits(lines, entities, opts);
  // Two names of one entity at one place (美團, 美團點評) are one occurrence.
  const perEntity = ids.map(() => ({ lines: [] as number[], sentences: new Set<number>(), starts: new Set<number>() }));
  hits.start.forEach((start, h) => {
    const e = perEntity[hits.entity[h] ?? 0];
    if (!e) return;
    e.lines.push(hits.line[h] ?? 0);
    e.sentences.add(hits.sentence[h] ?? -1);
    e.starts.add(start);
  });
  return new Map(
    ids.map((id, i) => {
      const e = perEntity[i];
      const sentences = [...(e?.sentences ?? [])].sort((a, b) => a - b).map((k) => idx.sentences[k]?.id ?? '');
      return [id, { lines: sortedUnique(e?.lines ?? []), sentences, occurrences: e?.starts.size ?? 0 }];
    }),
  );
}

/** One mention inside a sentence: the entity, and where its name stands in `ParsedSentence.text`. */
export interface SentenceMention {
  entityId: string;
  /** Offsets in the sentence's text, end exclusive. */
  start: number;
  end: number;
}

/**
 * The sentences that name something, each with its mentions (the same rules as `mentionsForAll`) in
 * reading order: what a rule needs to ask "is this word inside another entity's name?".
 */
export function sentenceMentions(
  lines: readonly string[],
  entities: readonly MentionEntity[],
  opts: MentionOptions = {},
): { sentence: ParsedSentence; mentions: SentenceMention[] }[] {
  const { idx, ids, ...hits } = keptHits(lines, entities, opts);
  const bySentence = new Map<number, SentenceMention[]>();
  hits.start.forEach((start, h) => {
    const k = hits.sentence[h] ?? -1;
    const end = start + (hits.length[h] ?? 0);
    const m: SentenceMention = {
      entityId: ids[hits.entity[h] ?? 0] ?? '',
      start: idx.rawAt[start] ?? 0,
      end: (idx.rawAt[end - 1] ?? 0) + 1,
    };
    const list = bySentence.get(k);
    if (list) list.push(m);
    else bySentence.set(k, [m]);
  });
  return [...bySentence.entries()]
    .sort(([a], [b]) => a - b)
    .map(([k, mentions]) => ({
      sentence: idx.sentences[k] as ParsedSentence,
      mentions: mentions.sort((a, b) => a.start - b.start || b.end - a.end),
    }));
}
