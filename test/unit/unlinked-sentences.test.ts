import { describe, expect, it } from 'vitest';
import { coverage, namedOnlyInside, type PairEntity, type PairSentence, unlinkedSentences } from '../../tools/lib/unlinked.js';

const entity = (id: string, kind: string, ...names: string[]): PairEntity => ({ id, kind, nameZh: names[0] ?? id, names });
const ENTITIES = new Map(
  [
    entity('company/china-unicom-hk', 'COMPANY', '中國聯通'),
    entity('partner/meituan', 'PARTNER', '美團'),
    entity('partner/huawei', 'PARTNER', '華為'),
    entity('program/smart-city', 'PROGRAM', '智慧城市'),
    entity('event/meituan-agreement', 'EVENT', '中國聯通與美團簽署戰略合作框架協議'),
    entity('region/hubei', 'REGION', '湖北'),
    entity('organization/hubei-government', 'ORGANIZATION', '湖北省政府'),
    entity('metric/5g-users', 'METRIC', '5G用戶'),
    entity('theme/5g', 'THEME', '5G'),
  ].map((e) => [e.id, e]),
);
const sentence = (id: string, text: string, entityIds: string[], duplicate = false): PairSentence => ({
  id,
  text,
  lineStart: 1,
  lineEnd: 2,
  duplicate,
  entityIds,
});
const ids = (list: ReturnType<typeof unlinkedSentences>) => list.map((s) => [s.id, s.pairs.map((p) => `${p.a.id}×${p.b.id}`)]);

describe('unlinkedSentences (tools/lib/unlinked.ts)', () => {
  it('lists the pairs with no relation in either direction, leaving out companies, metrics and themes', () => {
    const s = sentence('sentence/1.1', '中國聯通攜手華為、美團共建智慧城市，5G用戶突破，5G', [
      'company/china-unicom-hk',
      'partner/huawei',
      'partner/meituan',
      'program/smart-city',
      'metric/5g-users',
      'theme/5g',
    ]);
    const relations = [
      { type: 'PARTICIPATES_IN', from: 'partner/huawei', to: 'program/smart-city' },
      { type: 'PARTNERS_WITH', from: 'company/china-unicom-hk', to: 'partner/meituan' },
    ];
    expect(ids(unlinkedSentences([s], relations, ENTITIES))).toEqual([
      ['sentence/1.1', ['partner/huawei×partner/meituan', 'partner/meituan×program/smart-city']],
    ]);
    // A relation the other way round links the pair too.
    const reverse = [...relations, { type: 'SUPPORTS', from: 'program/smart-city', to: 'partner/meituan' }];
    expect(ids(unlinkedSentences([s], reverse, ENTITIES))).toEqual([['sentence/1.1', ['partner/huawei×partner/meituan']]]);
  });

  it('skips the repeated page, sentences naming fewer than two, and sentences whose pairs are all related', () => {
    const rows = [
      sentence('sentence/2.1', '華為與美團', ['partner/huawei', 'partner/meituan'], true),
      sentence('sentence/3.1', '中國聯通與華為', ['company/china-unicom-hk', 'partner/huawei']),
      sentence('sentence/4.1', '華為建設智慧城市', ['partner/huawei', 'program/smart-city']),
    ];
    const relations = [{ type: 'PARTICIPATES_IN', from: 'partner/huawei', to: 'program/smart-city' }];
    expect(unlinkedSentences(rows, relations, ENTITIES)).toEqual([]);
  });

  it('does not pair an entity named only inside another one’s name, but does where it is also named on its own', () => {
    const inside = sentence('sentence/5.1', '中國聯通與美團簽署戰略合作框架協議，華為出席', [
      'company/china-unicom-hk',
      'event/meituan-agreement',
      'partner/meituan',
      'partner/huawei',
    ]);
    expect(ids(unlinkedSentences([inside], [], ENTITIES))).toEqual([['sentence/5.1', ['event/meituan-agreement×partner/huawei']]]);
    expect(ids(unlinkedSentences([inside], [], ENTITIES, { keepInside: true }))).toEqual([
      [
        'sentence/5.1',
        ['event/meituan-agreement×partner/huawei', 'event/meituan-agreement×partner/meituan', 'partner/huawei×partner/meituan'],
      ],
    ]);
    const both = sentence('sentence/6.1', '湖北省政府在湖北', ['organization/hubei-government', 'region/hubei']);
    expect(ids(unlinkedSentences([both], [], ENTITIES))).toEqual([['sentence/6.1', ['organization/hubei-government×region/hubei']]]);
    expect(
      namedOnlyInside('湖北省政府', [ENTITIES.get('organization/hubei-government'), ENTITIES.get('region/hubei')] as PairEntity[]),
    ).toEqual(new Set(['region/hubei']));
  });

  it('restricts pairs to kinds: both ends among them, or one end with *', () => {
    const s = sentence('sentence/7.1', '華為、美團在湖北建設智慧城市', [
      'partner/huawei',
      'partner/meituan',
      'region/hubei',
      'program/smart-city',
    ]);
    expect(ids(unlinkedSentences([s], [], ENTITIES, { kinds: ['PARTNER', 'PROGRAM'] }))).toEqual([
      ['sentence/7.1', ['partner/huawei×partner/meituan', 'partner/huawei×program/smart-city', 'partner/meituan×program/smart-city']],
    ]);
    expect(ids(unlinkedSentences([s], [], ENTITIES, { kinds: ['REGION', '*'] }))).toEqual([
      ['sentence/7.1', ['partner/huawei×region/hubei', 'partner/meituan×region/hubei', 'program/smart-city×region/hubei']],
    ]);
  });
});

describe('coverage', () => {
  it('counts programmes with a partner or organisation and partners reaching a programme, event or product', () => {
    const kinds = new Map([
      ['program/a', 'PROGRAM'],
      ['program/b', 'PROGRAM'],
      ['partner/x', 'PARTNER'],
      ['partner/y', 'PARTNER'],
      ['organization/z', 'ORGANIZATION'],
      ['region/r', 'REGION'],
    ]);
    const c = coverage(
      [
        { type: 'SERVES', from: 'program/a', to: 'organization/z' },
        { type: 'LOCATED_IN', from: 'partner/y', to: 'region/r' },
        { type: 'LOCATED_IN', from: 'program/b', to: 'region/r' },
      ],
      kinds,
    );
    expect(c).toMatchObject({ programs: 2, programsWithPartnerOrOrganization: 1, partners: 2, partnersReachingProgramEventOrProduct: 0 });
    expect(c.programsWithout).toEqual(['program/b']);
  });
});
