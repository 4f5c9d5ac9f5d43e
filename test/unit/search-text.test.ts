import { describe, expect, it } from 'vitest';
import { escapeLucene, idLookup, luceneQuery, matchRank, normalizeQuery, scriptVariants } from '../../src/search/text.js';

describe('normalizeQuery (src/search/text.ts)', () => {
  it('folds full-width Latin letters and digits to ASCII', () => {
    expect(normalizeQuery('ＭＥＩＴＵＡＮ')).toBe('MEITUAN');
    expect(normalizeQuery('聯通５Ｇ')).toBe('聯通5G');
  });

  it('turns control characters and ideographic spaces into single spaces, trimmed', () => {
    expect(normalizeQuery('  ＭＥＩ\u0000tuan\t美團 ')).toBe('MEI tuan 美團');
    expect(normalizeQuery('\u3000中國聯通\u3000５Ｇ\r\n  ')).toBe('中國聯通 5G');
  });

  it('leaves no invisible format character (zero-width space, BOM, bidi marks)', () => {
    for (const invisible of ['\u200b', '\ufeff', '\u202e']) expect(normalizeQuery(`中國${invisible}聯通`)).not.toContain(invisible);
  });

  it('keeps Chinese text of either script as it is', () => {
    expect(normalizeQuery('中國聯通')).toBe('中國聯通');
    expect(normalizeQuery('中国联通')).toBe('中国联通');
  });

  it('reduces text of only spaces and controls to the empty string', () => {
    expect(normalizeQuery(' \u0000\u3000\t ')).toBe('');
  });
});

describe('scriptVariants', () => {
  it('adds the Traditional form of Simplified text, and the reverse', () => {
    expect(scriptVariants('中国电信')).toEqual(['中国电信', '中國電信']);
    expect(scriptVariants('美團')).toEqual(['美團', '美团']);
    expect(scriptVariants('華為')).toEqual(['華為', '华为']);
    expect(scriptVariants('智慧冬奥')).toEqual(['智慧冬奥', '智慧冬奧']);
  });

  it('gives text with no Chinese once', () => {
    expect(scriptVariants('Meituan')).toEqual(['Meituan']);
  });

  it('keeps Latin words and spaces inside mixed text', () => {
    expect(scriptVariants('联通 5G')).toEqual(['联通 5G', '聯通 5G']);
  });
});

describe('escapeLucene', () => {
  it('escapes every Lucene special character', () => {
    expect(escapeLucene('a+b-c&&d||e!(f){g}[h]^i"j~k*l?m:n\\o/p')).toBe(
      'a\\+b\\-c\\&\\&d\\|\\|e\\!\\(f\\)\\{g\\}\\[h\\]\\^i\\"j\\~k\\*l\\?m\\:n\\\\o\\/p',
    );
  });

  it('leaves Chinese, letters, digits and spaces alone', () => {
    expect(escapeLucene('中國聯通 5G Meituan')).toBe('中國聯通 5G Meituan');
  });
});

describe('luceneQuery', () => {
  it('builds a boosted phrase per variant, plus all-words for several words (Latin words also with one typo), lower-cased so AND/OR/NOT stay words', () => {
    expect(luceneQuery(['China AND Telecom'])).toBe('"china and telecom"^4 OR (+(china china~1) +and +(telecom telecom~1))');
    expect(luceneQuery(scriptVariants('联通 5G'))).toMatchInlineSnapshot(`""联通 5g"^4 OR (+联通 +5g) OR "聯通 5g"^4 OR (+聯通 +5g)"`);
  });

  it('gives one word only its phrase', () => {
    expect(luceneQuery(['美團', '美团'])).toBe('"美團"^4 OR "美团"^4');
  });

  it('never lets user text close the phrase or add operators', () => {
    expect(luceneQuery(['x" OR name:*'])).toBe('"x\\" or name\\:\\*"^4 OR (+x\\" +or +name\\:\\*)');
  });
});

describe('matchRank', () => {
  it('ranks exact over prefix over contains, ignoring case', () => {
    expect(matchRank('Meituan', ['meituan'])).toBe(3);
    expect(matchRank('China Telecom', ['china'])).toBe(2);
    expect(matchRank('China Telecom', ['telecom'])).toBe(1);
    expect(matchRank('China Telecom', ['unicom'])).toBe(0);
  });

  it('takes the best rank over the script variants', () => {
    expect(matchRank('中國聯通', scriptVariants('中国联通'))).toBe(3);
    expect(matchRank('中國聯通集團', scriptVariants('中国联通'))).toBe(2);
    expect(matchRank('聯通', ['中國聯通'])).toBe(0);
  });
});

describe('idLookup: what an unknown filter id is looked up as', () => {
  it('its last part as a folded name and a full-text query, its kind part as the kind to prefer', () => {
    expect(idLookup('region/tibet')).toEqual({
      id: 'region/tibet',
      keys: ['tibet'],
      prefix: 'region/',
      lucene: expect.stringContaining('tibet'),
    });
    expect(idLookup('region/inner-mongolia').keys).toEqual(['inner-mongolia', 'innermongolia']);
    expect(idLookup('theme/扶貧').keys).toEqual(['扶贫']);
    expect(idLookup('tibet').prefix).toBeNull();
    // Lucene syntax in an id stays text; a one-letter id asks no full-text query.
    expect(idLookup('region/a:b(c)').lucene).toBe('"a\\:b\\(c\\)"^4');
    expect(idLookup('region/x').lucene).toBeNull();
  });
});
