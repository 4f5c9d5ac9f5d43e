import { describe, expect, it } from 'vitest';
import { sourceLines } from '../../seed/source.js';
import { growCutQuote } from '../../tools/extend-cut-quotes.js';

const lines = sourceLines();
const anywhere = () => true;

describe('growCutQuote (tools/extend-cut-quotes.ts): quotes the PDF line breaks cut inside a word', () => {
  it('finishes a word cut at the end of a line, to the clause end on the next line (L684–685: 黑龍江)', () => {
    expect(growCutQuote(lines, 684, 684, '河北、貴州、黑', anywhere)).toEqual({ line: 684, lineEnd: 685, quote: '河北、貴州、黑龍江' });
  });

  it('takes in the start of a word cut at the start of a line, from the clause start on the line before (L79–80: 援助)', () => {
    expect(growCutQuote(lines, 79, 79, '公司定點扶貧與對口援', anywhere)).toEqual({
      line: 79,
      lineEnd: 80,
      quote: '公司定點扶貧與對口援助任務圓滿完成',
    });
  });

  it('leaves whole quotes, map labels and captions alone, and anything the sentence check refuses', () => {
    expect(growCutQuote(lines, 79, 80, '公司定點扶貧與對口援助任務圓滿完成', anywhere)).toBeNull();
    // 「印尼：748」 on the going-global map: the next line is the next country, not the rest of a word
    expect(growCutQuote(lines, 1038, 1038, '印尼：748', anywhere)).toBeNull();
    expect(growCutQuote(lines, 684, 684, '河北、貴州、黑', () => false)).toBeNull();
  });
});
