import { describe, expect, it } from 'vitest';
import { kpiTableRange } from '../../seed/parse/kpi-table.js';
import { blocksOf, joinLines, joinTexts, pageLines, sentencesOf, splitSentences } from '../../seed/parse/sentences.js';
import { sourceLines } from '../../seed/source.js';

const lines = sourceLines();
const sentences = sentencesOf(lines, { kpi: kpiTableRange(lines) });
/** The sentences touching 1-based line n. */
const at = (n: number) => sentences.filter((s) => s.lineStart <= n && n <= s.lineEnd);

describe('joinLines (the one joined text evidence spans are checked against)', () => {
  it('joins Chinese with nothing between and Latin words with one space', () => {
    expect(joinTexts(['中國聯通與網龍網絡控股有', '限公司'])).toBe('中國聯通與網龍網絡控股有限公司');
    expect(joinTexts(['組織的「Women', 'in Leadership」'])).toBe('組織的「Women in Leadership」');
    expect(joinTexts(['完成cBSS100%', '', '遷轉'])).toBe('完成cBSS100%遷轉');
  });

  it('trims each line (ASCII, ideographic and en spaces) and skips blank lines', () => {
    expect(joinTexts(['  甲乙\u3000', '\u2002', ' 丙丁 '])).toBe('甲乙丙丁');
  });

  it('reads 2593–2594 as one name: 京雄國際試商用量子加密幹線', () => {
    expect(lines[2592]?.includes('京雄國際試商用量子加密幹')).toBe(true);
    expect(joinLines(lines, 2593, 2594)).toContain('京雄國際試商用量子加密幹線');
  });
});

describe('splitSentences', () => {
  it('ends a sentence after 。！？ and the closing quotes that follow', () => {
    const text = '他說「好。」我們走吧！還有？最後一句';
    expect(splitSentences(text).map(([a, b]) => text.slice(a, b))).toEqual(['他說「好。」', '我們走吧！', '還有？', '最後一句']);
  });
});

describe('blocksOf on small texts', () => {
  it('does not end a sentence at a blank line inside it', () => {
    const text = ['這是一個很長的句子，它在這一行的末尾沒有結束而是', '', '在下一行才結束。', '', '新的段落。'];
    expect(sentencesOf(text).map((s) => [s.text, s.lineStart, s.lineEnd, s.block])).toEqual([
      ['這是一個很長的句子，它在這一行的末尾沒有結束而是在下一行才結束。', 1, 3, 'PARAGRAPH'],
      ['新的段落。', 5, 5, 'PARAGRAPH'],
    ]);
  });

  it('reads a short unpunctuated line standing alone as a heading, not the start of the next paragraph', () => {
    const text = ['促進量子通信技術應用', '', '積極開展量子保密通信架構研究，', '實現多項應用。'];
    expect(blocksOf(text).map((b) => [b.kind, b.lines])).toEqual([
      ['HEADING', [1]],
      ['PARAGRAPH', [3, 4]],
    ]);
  });

  it('keeps each bullet and each table row a block of its own', () => {
    const text = ['• 第一點，', '跨行的內容。', '• 第二點。', '', '桿路共建率（%） 91 91 95', '管道共建率（%） 94 92 94'];
    const blocks = blocksOf(text);
    expect(blocks.map((b) => [b.kind, b.lines])).toEqual([
      ['BULLET', [1, 2]],
      ['BULLET', [3]],
      ['TABLE', [5, 6]],
    ]);
    expect(
      sentencesOf(text)
        .filter((s) => s.block === 'TABLE')
        .map((s) => s.text),
    ).toEqual(['桿路共建率（%） 91 91 95', '管道共建率（%） 94 92 94']);
  });
});

describe('sentencesOf on the report', () => {
  it('runs the sentence at 2587 over the blank line 2588: 「…成為中國聯通5G泛在低空測試基地…」', () => {
    expect(lines[2587]?.trim()).toBe('');
    const [s] = at(2589);
    expect(s?.lineStart).toBe(2587);
    expect(s?.text).toContain('助力安陽成為中國聯通5G泛在低空測試基地和民航局無人機試驗基地。');
  });

  it('reads an icon-led heading followed at once by its paragraph (3685–3686)', () => {
    expect(at(3685).map((s) => [s.block, s.text])).toEqual([['HEADING', '構建資本合作生態']]);
    expect(at(3686)[0]?.block).toBe('PARAGRAPH');
    expect(at(3686)[0]?.text.startsWith('中國聯通與BATJ等混改戰略投資者')).toBe(true);
  });

  it('joins mixed Latin and Chinese over a line break with one space (1137–1138)', () => {
    expect(at(1138)[0]?.text).toContain('「Women in Leadership」系列交流活動');
  });

  it('reads the KPI table row by row, as KPI blocks', () => {
    const row = at(4279)[0];
    expect(row?.block).toBe('KPI');
    expect(row?.text).toBe('節能減排專項投資 億元 1 1.04 1.23');
  });

  it('reads the vertical running title and the print footer as page furniture', () => {
    const furniture = pageLines(lines);
    for (const n of [402, 404, 406, 407, 408, 409, 411, 417]) expect(furniture.has(n), `line ${n}`).toBe(true);
    expect(at(406)[0]?.block).toBe('PAGE');
    expect(furniture.has(419)).toBe(false);
  });

  it('covers every non-blank line, in reading order, with unique ids', () => {
    const covered = new Map<number, number>();
    for (const s of sentences) for (let n = s.lineStart; n <= s.lineEnd; n++) covered.set(n, (covered.get(n) ?? 0) + 1);
    lines.forEach((text, i) => {
      if (text.trim() !== '') expect(covered.has(i + 1), `line ${i + 1}`).toBe(true);
    });
    expect(new Set(sentences.map((s) => s.id)).size).toBe(sentences.length);
    expect(sentences.map((s) => s.ordinal)).toEqual(sentences.map((_, i) => i));
  });

  it('maps every character of a sentence back to its line', () => {
    const s = at(2589)[0];
    expect(s?.lineOf(0)).toBe(2587);
    expect(s?.lineOf(s.text.length - 1)).toBe(2589);
  });
});
