import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadThemeRules } from '../../seed/theme-rules.js';
import {
  clauses,
  isLayoutGlue,
  near,
  themeCandidates,
  themesDocument,
  themeWordsFor,
  wordPositions,
} from '../../tools/theme-candidates.js';

const theme = (words: string[], extra: Partial<Parameters<typeof themeWordsFor>[2]> = {}) => ({
  words,
  contextWords: [],
  except: [],
  via: [],
  ...extra,
});
const whole = (text: string): [number, number] => [0, text.length];
/** A mention of `id` at the first occurrence of `name` in `text`. */
const at = (text: string, name: string, id: string) => ({ entityId: id, start: text.indexOf(name), end: text.indexOf(name) + name.length });

describe('the theme rule (seed/rules/themes.yaml, tools/theme-candidates.ts)', () => {
  it('matches an ASCII word as a word: AI not inside MAIL, 5G not inside 5GC', () => {
    expect(wordPositions('MAIL與AI', 'AI')).toEqual([5]);
    expect(wordPositions('5GC控制面', '5G')).toEqual([]);
    expect(wordPositions('打造5G網絡', '5G')).toEqual([2]);
  });

  it('ends a clause at ，；：。 outside brackets and at a layout gap, never inside 「…」', () => {
    const text = '舉辦「共築中國夢，聯通再行動」大會，推進工作';
    expect(clauses(text).map(([s, e]) => text.slice(s, e))).toEqual(['舉辦「共築中國夢，聯通再行動」大會', '推進工作']);
    const gap = '5G VR娛樂 智慧醫療';
    expect(clauses(gap).map(([s, e]) => gap.slice(s, e))).toEqual(['5G VR娛樂', '智慧醫療']);
  });

  it('does not count a word inside another entity’s name (聯通大數據公司 beside an award issuer), but inside the subject’s own', () => {
    const text = '聯通大數據公司獲得中共中央頒發的稱號';
    const issuer = at(text, '中共中央', 'organization/cpc-central-committee');
    const company = at(text, '聯通大數據公司', 'subsidiary/unicom-big-data');
    expect(themeWordsFor(text, whole(text), theme(['大數據']), issuer, [company, issuer])).toEqual([]);
    expect(themeWordsFor(text, whole(text), theme(['大數據']), company, [company, issuer])).toEqual([[2, 5]]);
  });

  it('counts a word inside a via entity’s name (北京冬奧會 stands for 冬奧)', () => {
    const text = '中國聯通為北京冬奧會提供服務';
    const games = at(text, '北京冬奧會', 'event/beijing-2022-winter-olympics');
    const company = at(text, '中國聯通', 'company/china-unicom');
    expect(themeWordsFor(text, whole(text), theme(['冬奧']), company, [company, games])).toEqual([]);
    expect(
      themeWordsFor(text, whole(text), theme(['冬奧'], { via: ['event/beijing-2022-winter-olympics'] }), company, [company, games]),
    ).toEqual([[7, 9]]);
  });

  it('skips a word inside an except phrase, and a context word without its context', () => {
    const text = '某公司開通綠色通道';
    const subject = at(text, '某公司', 'x/a');
    expect(themeWordsFor(text, whole(text), theme(['綠色'], { except: ['綠色通道'] }), subject, [subject])).toEqual([]);
    const rd = '某公司加大研發';
    const s2 = at(rd, '某公司', 'x/a');
    const ctx = theme(['科技創新'], { contextWords: [{ word: '研發', with: ['技術'] }] });
    expect(themeWordsFor(rd, whole(rd), ctx, s2, [s2])).toEqual([]);
    const rd2 = '某公司加大技術研發';
    const s3 = at(rd2, '某公司', 'x/a');
    expect(themeWordsFor(rd2, whole(rd2), ctx, s3, [s3])).toEqual([[7, 9]]);
  });

  it('keeps two items of one list apart unless 等 closes the list (near)', () => {
    const list = '創新開發雲視頻會議、遠程教育等數字化應用';
    expect(near(list, at(list, '雲視頻會議', 'x'), [list.indexOf('教育'), list.indexOf('教育') + 2])).toBe(false);
    const closed = '與清華大學、北京大學等着名高校開展車聯網研究';
    expect(near(closed, at(closed, '清華大學', 'x'), [closed.indexOf('車聯網'), closed.indexOf('車聯網') + 3])).toBe(true);
    const far = `某公司${'的'.repeat(30)}5G`;
    expect(near(far, at(far, '某公司', 'x'), [far.indexOf('5G'), far.length])).toBe(false);
  });

  it('treats a long stretch without punctuation as page layout, not a statement', () => {
    expect(isLayoutGlue('高品質服務智慧生活抗擊新冠疫情脫貧攻堅慈善公益客戶權益保障')).toBe(true);
    expect(isLayoutGlue('北京清華長庚醫院連線雷神山醫院進行5G會診')).toBe(false);
  });

  it('reads seed/rules/themes.yaml and names the file, entry and field of a mistake', () => {
    const rules = loadThemeRules();
    expect(rules.themes.find((t) => t.slug === 'winter-olympics')?.via).toContain('event/beijing-2022-winter-olympics');
    // No bare generic word is a word of any theme.
    const words = rules.themes.flatMap((t) => t.words);
    for (const generic of ['標準', '研發', '視頻', '員工', '內容', '數字化', '改革']) expect(words, generic).not.toContain(generic);
    const dir = mkdtempSync(join(tmpdir(), 'unicom-kg-theme-rules-'));
    try {
      writeFileSync(
        join(dir, 'themes.yaml'),
        'sourceKinds: [PROGRAM]\nthemes:\n  - { slug: 5g, nameZh: 5G, nameEn: 5G, words: [5G] }\nrejected:\n  - { from: program/x, to: theme/6g, why: no such theme }\n',
      );
      expect(() => loadThemeRules(`${dir}/`)).toThrow(/seed\/rules\/themes\.yaml › rejected › 0 › to: "theme\/6g" is no theme/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes what the rule makes and nobody judged as RULE theme-sentence, what a person checked or added as STATED', () => {
    const rules = loadThemeRules();
    const unjudged = themesDocument(themeCandidates({ ...rules, checked: [], stated: [] })).relations;
    expect(unjudged.length).toBeGreaterThan(250);
    expect(unjudged.every((r) => r.derivation === 'RULE' && 'rule' in r && r.rule === 'theme-sentence')).toBe(true);
    // A rejected edge is never written.
    const key = (r: { from: string; to: string }) => `${r.from} ${r.to}`;
    const rejected = new Set(rules.rejected.map(key));
    expect(unjudged.filter((r) => rejected.has(key(r)))).toEqual([]);
    // With the person's decisions: every checked edge STATED, every stated edge there with its evidence.
    const judged = themesDocument(themeCandidates(rules)).relations;
    const byKey = new Map(judged.map((r) => [key(r), r]));
    for (const c of rules.checked) expect(byKey.get(key(c))?.derivation, key(c)).toBe('STATED');
    for (const st of rules.stated) expect(byKey.get(key(st))?.evidence, key(st)).toEqual(st.evidence);
  }, 120_000);
});
