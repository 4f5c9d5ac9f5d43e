import { describe, expect, it } from 'vitest';
import { duplicateRanges, isDuplicateLine } from '../../seed/parse/duplicates.js';
import { findMentions, mentionsForAll, namingSentences, reportSentences } from '../../seed/parse/mentions.js';
import { sectionForLine, sectionsOf, verifyToc } from '../../seed/parse/sections.js';
import { TOC, type TocEntry } from '../../seed/parse/toc.js';
import { loadNotNames } from '../../seed/rule-files.js';
import { prepareGraph } from '../../seed/run.js';
import { sourceLines } from '../../seed/source.js';

const lines = sourceLines();

describe('sections', () => {
  const sections = sectionsOf(lines);

  it('verifies every TOC entry against its line', () => {
    expect(() => verifyToc(lines)).not.toThrow();
    for (const entry of TOC) expect(lines[entry.line - 1]).toContain(entry.anchor ?? entry.title);
  });

  it('names the entry whose title is not on its line', () => {
    const wrong: TocEntry[] = TOC.map((e) => (e.title === '扶貧篇' ? { ...e, line: e.line + 1 } : e));
    expect(() => sectionsOf(lines, wrong)).toThrow(/"扶貧篇".*line 537/);
    const unordered: TocEntry[] = [...TOC.slice(0, 3), { title: '預測性陳述', level: 2, line: 1 }, ...TOC.slice(3)];
    expect(() => sectionsOf(lines, unordered)).toThrow(/out of order/);
  });

  it('has the chapters and sections of the report', () => {
    expect(sections).toHaveLength(62);
    expect(sections.filter((s) => s.level === 1).map((s) => s.title)).toEqual([
      '預測性陳述',
      '董事長致辭',
      '走進中國聯通',
      '抗疫篇',
      '扶貧篇',
      '海外篇',
      '提價值',
      '謀發展',
      '重基礎',
      '強動力',
      '有激情',
      '拓合作',
      '責任管理',
      '關鍵績效',
      '報告說明',
      '榮譽認可',
      '指標索引',
      '意見反饋',
    ]);
    expect(sections.map((s) => s.id)).toEqual(sections.map((_, i) => `section/${i + 1}`));
  });

  it('tiles the text: chapters are contiguous and sections lie inside their chapter', () => {
    const chapters = sections.filter((s) => s.level === 1);
    expect(chapters[0]?.startLine).toBe(1);
    expect(chapters.at(-1)?.endLine).toBe(lines.length);
    chapters.forEach((c, i) => {
      const next = chapters[i + 1];
      if (next) expect(next.startLine).toBe(c.endLine + 1);
    });
    for (const s of sections.filter((x) => x.level === 2)) {
      const parent = sections.find((p) => p.id === s.parentId);
      expect(parent?.level).toBe(1);
      expect(s.startLine).toBeGreaterThanOrEqual(parent?.startLine ?? Number.POSITIVE_INFINITY);
      expect(s.endLine).toBeLessThanOrEqual(parent?.endLine ?? 0);
    }
  });

  it('gives every line a section', () => {
    for (let n = 1; n <= lines.length; n++) expect(sectionForLine(n).path).not.toBe('');
    expect(() => sectionForLine(0)).toThrow(RangeError);
    expect(() => sectionForLine(lines.length + 1)).toThrow(RangeError);
  });

  it('finds the section of a line', () => {
    expect(sectionForLine(4400)).toMatchObject({ title: '榮譽認可', path: '榮譽認可' });
    expect(sectionForLine(558).path).toBe('扶貧篇 › 助力持續穩定脫貧');
    expect(sectionForLine(903).path).toBe('扶貧篇 › 搭建信息高速道路');
    expect(sectionForLine(3607).path).toBe('拓合作 › 推動產業深度合作');
    expect(sectionForLine(1300).path).toBe('提價值 › 夯實數字經濟基礎');
    expect(sectionForLine(1180).path).toBe('提價值');
    expect(sectionForLine(4120).path).toBe('關鍵績效');
    expect(sectionForLine(4800).path).toBe('指標索引 › 社科院CASS4.0');
    expect(sectionForLine(5).path).toBe('預測性陳述');
    expect(sectionForLine(263).path).toBe('走進中國聯通 › 公司治理');
  });
});

describe('duplicates', () => {
  it('finds the repeated timeline block of the poverty chapter and nothing else', () => {
    expect(duplicateRanges(lines)).toEqual([{ original: { start: 571, end: 719 }, copy: { start: 734, end: 882 } }]);
    expect(lines[570]).toBe(lines[733]);
    expect(lines[718]).toBe(lines[881]);
  });

  it('marks only the later copy', () => {
    expect(isDuplicateLine(734)).toBe(true);
    expect(isDuplicateLine(800)).toBe(true);
    expect(isDuplicateLine(882)).toBe(true);
    expect(isDuplicateLine(733)).toBe(false);
    expect(isDuplicateLine(883)).toBe(false);
    expect(isDuplicateLine(571)).toBe(false);
    expect(isDuplicateLine(719)).toBe(false);
  });

  it('ignores short repeated runs', () => {
    const text = ['甲乙丙丁戊', '己庚辛壬癸', '', '甲乙丙丁戊', '己庚辛壬癸'];
    expect(duplicateRanges(text)).toEqual([]);
    expect(duplicateRanges(text, { minLines: 2, minChars: 10 })).toEqual([{ original: { start: 1, end: 2 }, copy: { start: 4, end: 5 } }]);
  });
});

describe('mentions', () => {
  it('finds 美團 on its lines', () => {
    expect(findMentions(lines, ['美團', '美团', 'Meituan'])).toEqual([1751, 3607, 3667]);
  });

  it('finds a name the extraction broke across two lines, on the line where it starts', () => {
    expect(lines[3689]?.trimEnd().endsWith('網龍網絡控股有')).toBe(true);
    expect(lines[3690]?.startsWith('限公司')).toBe(true);
    expect(findMentions(lines, ['網龍網絡控股有限公司'])).toEqual([3690]);
    // "• 作為北京市科技冬奧重點項目之一，中國聯" / "通牽頭成立國際雲轉播公司"
    expect(lines[1892]?.includes('中國聯通')).toBe(false);
    expect(findMentions(lines, ['中國聯通'])).toContain(1893);
  });

  it('leaves out lines in the duplicate copy', () => {
    // 571 "制定《中國聯通定" / 572 "點扶貧…", 589 "將「中國聯通定點" / 590 "扶貧…", 598 "成立「中國聯通" / 599 "定點扶貧…";
    // the same lines again at 734, 752 and 761 are the copy.
    expect(findMentions(lines, ['中國聯通定點扶貧'])).toEqual([571, 589, 598]);
    const found = findMentions(lines, ['聯通']);
    expect(found.some((n) => n >= 734 && n <= 882)).toBe(false);
    expect(found).toContain(720);
  });

  it('does not read the vertical running title as a name', () => {
    expect(lines.slice(405, 409)).toEqual(['中', '國', '聯', '通2020']);
    const found = findMentions(lines, ['中國聯通', '聯通']);
    expect(found.filter((n) => n >= 406 && n <= 409)).toEqual([]);
  });

  it('ignores one-character names and respects ASCII word boundaries', () => {
    expect(findMentions(lines, ['國', ' 聯 '])).toEqual([]);
    expect(findMentions(lines, ['BAT'])).toEqual([]);
    expect(findMentions(lines, ['BATJ'])).toEqual([3686]);
    expect(findMentions(lines, ['Linux  Foundation'])).toEqual([2786]);
  });

  it('drops a name a not-name hides, and only that name (seed/rules/not-names.yaml)', () => {
    const entities = [
      { id: 'partner/jd', names: ['京東', '京東商城'] },
      { id: 'organization/hkcss', names: ['社聯'] },
      { id: 'organization/peoples-daily', names: ['人民日報社'] },
    ];
    const notNames = loadNotNames();
    const without = mentionsForAll(lines, entities);
    const with_ = mentionsForAll(lines, entities, { notNames });
    // 南京東路 (Nanjing East Road, Shanghai) at 1311-1314 is no mention of JD.com; 京東商城 at 619 still is.
    expect(without.get('partner/jd')?.lines).toEqual(expect.arrayContaining([619, 1311]));
    expect(with_.get('partner/jd')?.lines).toContain(619);
    expect(with_.get('partner/jd')?.lines.some((l) => l >= 1311 && l <= 1314)).toBe(false);
    // In 人民日報社聯合評選 (727) 社聯 is hidden, 人民日報社 is still named.
    expect(without.get('organization/hkcss')?.lines).toContain(727);
    expect(with_.get('organization/hkcss')?.lines).not.toContain(727);
    expect(with_.get('organization/peoples-daily')?.lines).toContain(727);
  });

  it('lets the longer name of another entity win in mentionsForAll', () => {
    const m = mentionsForAll(lines, [
      { id: 'region/hubei', names: ['湖北'] },
      { id: 'branch/hubei', names: ['湖北聯通'] },
      { id: 'partner/meituan', names: ['美團'] },
      { id: 'partner/nobody', names: ['不存在的名稱'] },
    ]);
    expect(findMentions(lines, ['湖北'])).toEqual([382, 3173]);
    expect(m.get('region/hubei')?.lines).toEqual([3173]);
    expect(m.get('branch/hubei')?.lines).toEqual([382]);
    expect(m.get('partner/meituan')?.lines).toEqual([1751, 3607, 3667]);
    expect(m.get('partner/meituan')?.occurrences).toBe(3);
    expect(m.get('partner/nobody')).toEqual({ lines: [], sentences: [], occurrences: 0 });
  });

  it('finds a name wrapped over a blank line inside its sentence, in that sentence', () => {
    // 2587 "…助力安陽成為中國聯通5G" / blank / 2589 "泛在低空測試基地和民航局無人機試驗基地。"
    const m = mentionsForAll(lines, [{ id: 'x/base', names: ['5G泛在低空測試基地'] }]);
    expect(m.get('x/base')?.lines).toEqual([2587]);
    expect(m.get('x/base')?.sentences).toHaveLength(1);
  });

  it('finds a name wrapped over three lines of a narrow column', () => {
    // 589 "將「中國聯通定點" / 590 …; 598 "成立「中國聯通" / 599 "定點扶貧與對口" / 600 "援藏工作領導小" / 601 "組」。"
    expect(findMentions(lines, ['中國聯通定點扶貧與對口援藏工作領導小組'])).toEqual([589, 598]);
  });
});

describe('mentions against an independent count over the joined text', () => {
  it('gives every entity exactly the lines where one of its names starts in a sentence, unless a longer name of another entity there begins or ends with it', () => {
    const graph = prepareGraph();
    const sentences = namingSentences(lines, reportSentences(lines));
    // The sentences as whitespace-free text (one space kept between ASCII words), each unit knowing its line.
    const texts = sentences.map((s) => {
      let text = '';
      const line: number[] = [];
      for (let i = 0; i < s.text.length; i++) {
        const ch = s.text[i] ?? '';
        if (/\s/.test(ch)) {
          if (/\w/.test(s.text[i - 1] ?? '') && /\w/.test(s.text[i + 1] ?? '') && ch === ' ') {
            text += ' ';
            line.push(s.lineOf(i));
          }
          continue;
        }
        text += ch;
        line.push(s.lineOf(i));
      }
      return { text, line };
    });
    const strip = (n: string) =>
      n.trim().replace(/\s+/g, (ws, at, all) => (/\w/.test(all[at - 1] ?? '') && /\w/.test(all[at + ws.length] ?? '') ? ' ' : ''));
    const names = graph.entities.map((e) => ({
      id: e.id,
      names: [...new Set([e.props.nameZh, ...e.props.aliases, ...(e.props.nameEn ? [e.props.nameEn] : [])].map(strip))].filter(
        (n) => [...n].length >= 2,
      ),
    }));
    // Every occurrence of every name: [sentence, start, end, entity].
    const occ: [number, number, number, string][] = [];
    texts.forEach((t, k) => {
      for (const e of names)
        for (const n of e.names) {
          for (let p = t.text.indexOf(n); p >= 0; p = t.text.indexOf(n, p + 1)) {
            const ascii = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_]/.test(c);
            if (ascii(n[0]) && ascii(t.text[p - 1])) continue;
            if (ascii(n.at(-1)) && ascii(t.text[p + n.length])) continue;
            occ.push([k, p, p + n.length, e.id]);
          }
        }
    });
    // Names a not-name hides (seed/rules/not-names.yaml): [sentence, start, name].
    const hidden = new Set<string>();
    texts.forEach((t, k) => {
      for (const { phrase, name } of loadNotNames())
        for (let q = t.text.indexOf(phrase); q >= 0; q = t.text.indexOf(phrase, q + 1))
          for (let off = phrase.indexOf(name); off >= 0; off = phrase.indexOf(name, off + 1)) hidden.add(`${k}:${q + off}:${name}`);
    });
    const expected = new Map<string, Set<number>>();
    for (const [k, a, b, id] of occ) {
      if (hidden.has(`${k}:${a}:${texts[k]?.text.slice(a, b)}`)) continue;
      const covered = occ.some(
        ([k2, a2, b2, id2]) => k2 === k && id2 !== id && b2 - a2 > b - a && a2 <= a && b <= b2 && (a2 === a || b2 === b),
      );
      if (covered) continue;
      const set = expected.get(id) ?? new Set<number>();
      set.add(texts[k]?.line[a] ?? 0);
      expected.set(id, set);
    }
    const differ = graph.entities.filter((e) => {
      const want = [...(expected.get(e.id) ?? [])].sort((x, y) => x - y);
      return JSON.stringify(want) !== JSON.stringify(e.props.mentionLines);
    });
    expect(
      differ.map((e) => `${e.id}: ${[...(expected.get(e.id) ?? [])].sort((x, y) => x - y).join(',')} vs ${e.props.mentionLines.join(',')}`),
    ).toEqual([]);
    expect(graph.entities.length).toBeGreaterThan(1000);
  });
});
