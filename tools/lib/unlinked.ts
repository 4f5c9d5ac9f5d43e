import { normalizeText } from '../../seed/parse/mentions.js';

/**
 * Sentences that name two or more entities with no relation between them (issue 20, item 6): the work list
 * for curating the links a sentence states over the PDF's line breaks. Pure: rows in, pairs out.
 */

/** Entities that never carry a link stated between two named things (see `isNoise`). */
export const NOISE_PREFIXES = ['company/', 'metric/', 'theme/'] as const;

export interface PairEntity {
  id: string;
  kind: string;
  nameZh: string;
  /** Every name the mention finder looks for: printed name, aliases, English name. */
  names: readonly string[];
}
export interface PairSentence {
  id: string;
  text: string;
  lineStart: number;
  lineEnd: number;
  duplicate: boolean;
  entityIds: readonly string[];
}
export interface PairRelation {
  type: string;
  from: string;
  to: string;
}
export interface UnlinkedPair {
  a: { id: string; kind: string; name: string };
  b: { id: string; kind: string; name: string };
}
export interface UnlinkedSentence {
  id: string;
  lineStart: number;
  lineEnd: number;
  text: string;
  pairs: UnlinkedPair[];
}
export interface PairOptions {
  /**
   * Kinds a pair's ends may have: both ends among them; with '*' in the list, one end among the named kinds
   * and the other anything. Absent or empty: every kind.
   */
  kinds?: readonly string[];
  /** Keep entities named only inside another's name (left out by default). */
  keepInside?: boolean;
}

/** The reporting companies, metrics and themes: a sentence naming them with something else states no link worth curating here. */
export function isNoise(id: string): boolean {
  return NOISE_PREFIXES.some((p) => id.startsWith(p));
}

const isWordChar = (ch: string | undefined): boolean => ch !== undefined && /[A-Za-z0-9_]/.test(ch);

/** [start, end) of every occurrence of one of `names` in `text` (both normalized), with the mention finder's ASCII guard. */
function spans(text: string, names: readonly string[]): [number, number][] {
  const out: [number, number][] = [];
  for (const raw of new Set(names)) {
    const n = normalizeText(raw);
    if ([...n].length < 2) continue;
    for (let p = text.indexOf(n); p >= 0; p = text.indexOf(n, p + 1)) {
      if (isWordChar(n[0]) && isWordChar(text[p - 1])) continue;
      if (isWordChar(n[n.length - 1]) && isWordChar(text[p + n.length])) continue;
      out.push([p, p + n.length]);
    }
  }
  return out;
}

/**
 * The entities of a sentence that it names only inside the longer name of another entity it names (美團 in
 * the event 中國聯通與美團簽署戰略合作框架協議, 湖北 inside 湖北省政府): every occurrence of theirs lies within
 * a longer occurrence of another entity's name. An entity whose names are not found at all (the mention
 * finder matched differently) is kept.
 */
export function namedOnlyInside(text: string, entities: readonly PairEntity[]): Set<string> {
  const t = normalizeText(text);
  const found = entities.map((e) => ({ id: e.id, spans: spans(t, e.names) }));
  const inside = new Set<string>();
  for (const e of found) {
    if (e.spans.length === 0) continue;
    const covered = e.spans.every(([s, end]) =>
      found.some((o) => o.id !== e.id && o.spans.some(([os, oe]) => os <= s && end <= oe && oe - os > end - s)),
    );
    if (covered) inside.add(e.id);
  }
  return inside;
}

function kindFilter(kinds: readonly string[] | undefined): (a: string, b: string) => boolean {
  if (!kinds || kinds.length === 0) return () => true;
  const named = new Set(kinds.filter((k) => k !== '*'));
  const wildcard = kinds.includes('*');
  return wildcard ? (a, b) => named.has(a) || named.has(b) : (a, b) => named.has(a) && named.has(b);
}

/** The key of an unordered pair of ids. */
const pairKey = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);

/**
 * Per sentence (reading order kept), the pairs of entities it names with no relation of any type, in either
 * direction, between them. Left out: sentences of the repeated page (`duplicate`), the reporting companies,
 * metrics and themes (`isNoise`), entities named only inside another's name, and pairs outside `opts.kinds`.
 * Sentences without such a pair are not listed.
 */
export function unlinkedSentences(
  sentences: readonly PairSentence[],
  relations: readonly PairRelation[],
  entities: ReadonlyMap<string, PairEntity>,
  opts: PairOptions = {},
): UnlinkedSentence[] {
  const linked = new Set(relations.map((r) => pairKey(r.from, r.to)));
  const keep = kindFilter(opts.kinds);
  const out: UnlinkedSentence[] = [];
  for (const s of sentences) {
    if (s.duplicate) continue;
    const named = [...new Set(s.entityIds)]
      .filter((id) => !isNoise(id))
      .map((id) => entities.get(id))
      .filter((e): e is PairEntity => e !== undefined);
    if (named.length < 2) continue;
    const inside = opts.keepInside ? new Set<string>() : namedOnlyInside(s.text, named);
    const ends = named.filter((e) => !inside.has(e.id)).sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    const pairs: UnlinkedPair[] = [];
    for (let i = 0; i < ends.length; i++)
      for (let j = i + 1; j < ends.length; j++) {
        const a = ends[i] as PairEntity;
        const b = ends[j] as PairEntity;
        if (linked.has(pairKey(a.id, b.id)) || !keep(a.kind, b.kind)) continue;
        pairs.push({ a: { id: a.id, kind: a.kind, name: a.nameZh }, b: { id: b.id, kind: b.kind, name: b.nameZh } });
      }
    if (pairs.length > 0) out.push({ id: s.id, lineStart: s.lineStart, lineEnd: s.lineEnd, text: s.text, pairs });
  }
  return out;
}

export interface Coverage {
  programs: number;
  /** Programs with a PARTNER or ORGANIZATION at the other end of any relation. */
  programsWithPartnerOrOrganization: number;
  partners: number;
  /** Partners with a relation of their own (either direction) to a PROGRAM, EVENT or PRODUCT. */
  partnersReachingProgramEventOrProduct: number;
  programsWithout: string[];
  partnersWithout: string[];
}

/** The two headline figures of issue 20: programmes with a partner or organisation, partners reaching a programme, event or product. */
export function coverage(relations: readonly PairRelation[], kindOf: ReadonlyMap<string, string>): Coverage {
  const ids = (kind: string) => [...kindOf].filter(([, k]) => k === kind).map(([id]) => id);
  const neighbours = new Map<string, Set<string>>();
  const add = (a: string, b: string) => {
    const set = neighbours.get(a);
    if (set) set.add(b);
    else neighbours.set(a, new Set([b]));
  };
  for (const r of relations) {
    add(r.from, r.to);
    add(r.to, r.from);
  }
  const reaches = (id: string, kinds: readonly string[]) =>
    [...(neighbours.get(id) ?? [])].some((n) => kinds.includes(kindOf.get(n) ?? ''));
  const programs = ids('PROGRAM');
  const partners = ids('PARTNER');
  const programsWithout = programs.filter((p) => !reaches(p, ['PARTNER', 'ORGANIZATION'])).sort();
  const partnersWithout = partners.filter((p) => !reaches(p, ['PROGRAM', 'EVENT', 'PRODUCT'])).sort();
  return {
    programs: programs.length,
    programsWithPartnerOrOrganization: programs.length - programsWithout.length,
    partners: partners.length,
    partnersReachingProgramEventOrProduct: partners.length - partnersWithout.length,
    programsWithout,
    partnersWithout,
  };
}
