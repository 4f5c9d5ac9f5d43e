import { describe, expect, it } from 'vitest';
import { attributesIn, EDGE_ATTRIBUTES, METRIC_VALUE_ATTRIBUTES, NODE_ATTRIBUTES, namesIn } from '../../src/http/exports/attributes.js';
import { csvRecord } from '../../src/http/exports/csv.js';
import { graphmlValue, xmlSafe } from '../../src/http/exports/graphml.js';
import { jsonLink, jsonNode } from '../../src/http/exports/json.js';
import type { EntityRow, RelationRow } from '../../src/http/exports/rows.js';

const meituan: EntityRow = {
  entity: {
    id: 'partner/meituan',
    kind: 'PARTNER',
    nameZh: '美團',
    nameEn: 'Meituan',
    aliases: ['美团', 'Meituan Dianping'],
    sector: 'internet',
    derivation: 'STATED',
    description: null,
    evidenceLines: [3590, 3602],
    evidenceLineEnds: [3590, 3603],
    evidenceQuotes: ['與美團', '美團'],
    evidenceSentences: ['sentence/3589.1', 'sentence/3602.1'],
    mentionLines: [3590, 3602, 3610],
  },
  degree: 4,
};
const bare: EntityRow = { entity: { id: 'region/x', kind: 'REGION', nameZh: '某地', nameEn: null, aliases: [] }, degree: 0 };
const link: RelationRow = {
  id: 'PARTNERS_WITH:company/china-unicom-hk->partner/meituan',
  source: 'company/china-unicom-hk',
  target: 'partner/meituan',
  sourceKind: 'COMPANY',
  targetKind: 'PARTNER',
  type: 'PARTNERS_WITH',
  props: {
    id: 'x',
    kind: 'strategic',
    year: 2020,
    share: null,
    derivation: 'STATED',
    evidenceLines: [3590],
    evidenceLineEnds: [3591],
    evidenceQuotes: ['與美團'],
    evidenceSections: ['拓合作'],
    evidenceSentences: ['sentence/3589.1'],
  },
};

describe('the attribute tables drive every writer (src/http/exports/attributes.ts)', () => {
  it('gives the CSV files the columns they have always had, in order', () => {
    expect(namesIn(NODE_ATTRIBUTES, 'csv')).toEqual([
      'id',
      'kind',
      'nameZh',
      'nameEn',
      'aliases',
      'description',
      'sector',
      'level',
      'category',
      'year',
      'date',
      'unit',
      'source',
      'reference',
      'derivation',
      'rule',
      'degree',
      'mentions',
      'evidenceLines',
      'evidenceLineEnds',
      'evidenceSentences',
      'evidenceQuote',
    ]);
    expect(namesIn(EDGE_ATTRIBUTES, 'csv')).toEqual([
      'id',
      'source',
      'target',
      'type',
      'sourceKind',
      'targetKind',
      'year',
      'date',
      'label',
      'kind',
      'share',
      'role',
      'derivation',
      'rule',
      'inferred',
      'evidenceLines',
      'evidenceLineEnds',
      'evidenceSentences',
      'evidenceQuote',
    ]);
    expect(namesIn(METRIC_VALUE_ATTRIBUTES, 'csv')).toEqual([
      'metric',
      'nameZh',
      'nameEn',
      'category',
      'year',
      'value',
      'printed',
      'unit',
      'source',
      'derivation',
      'rule',
      'evidenceLine',
      'evidenceLineEnd',
      'evidenceSentence',
      'evidenceQuote',
    ]);
  });

  it('declares a GraphML key for every JSON attribute, plus the node label', () => {
    expect(namesIn(NODE_ATTRIBUTES, 'graphml')).toEqual(['label', ...namesIn(NODE_ATTRIBUTES, 'json')]);
    expect(namesIn(EDGE_ATTRIBUTES, 'graphml')).toEqual(namesIn(EDGE_ATTRIBUTES, 'json'));
    expect(attributesIn(NODE_ATTRIBUTES, 'graphml').find((a) => a.name === 'degree')?.type).toBe('int');
    expect(attributesIn(EDGE_ATTRIBUTES, 'graphml').find((a) => a.name === 'share')?.type).toBe('double');
  });

  it('writes a node: JSON keeps lists and leaves out absent values, CSV joins lists with "|" and keeps every column', () => {
    expect(jsonNode(meituan)).toEqual({
      id: 'partner/meituan',
      kind: 'PARTNER',
      nameZh: '美團',
      nameEn: 'Meituan',
      aliases: ['美团', 'Meituan Dianping'],
      sector: 'internet',
      reference: false,
      derivation: 'STATED',
      degree: 4,
      mentions: 3,
      evidenceLines: [3590, 3602],
      evidenceLineEnds: [3590, 3603],
      evidenceSentences: ['sentence/3589.1', 'sentence/3602.1'],
    });
    expect(Object.keys(jsonNode(bare))).toEqual([
      'id',
      'kind',
      'nameZh',
      'aliases',
      'reference',
      'derivation',
      'degree',
      'mentions',
      'evidenceLines',
      'evidenceLineEnds',
      'evidenceSentences',
    ]);
    const row = csvRecord(attributesIn(NODE_ATTRIBUTES, 'csv'), meituan);
    expect(Object.keys(row)).toEqual(namesIn(NODE_ATTRIBUTES, 'csv'));
    expect(row).toMatchObject({
      id: 'partner/meituan',
      aliases: '美团|Meituan Dianping',
      evidenceLines: '3590|3602',
      evidenceLineEnds: '3590|3603',
      evidenceSentences: 'sentence/3589.1|sentence/3602.1',
      evidenceQuote: '與美團',
    });
    expect(csvRecord(attributesIn(NODE_ATTRIBUTES, 'csv'), bare)).toMatchObject({
      aliases: null,
      evidenceLines: null,
      evidenceQuote: null,
    });
  });

  it('writes a link: JSON has its ends and key first, CSV its ends, kinds and first quote', () => {
    expect(jsonLink(link)).toEqual({
      source: 'company/china-unicom-hk',
      target: 'partner/meituan',
      key: 'PARTNERS_WITH:company/china-unicom-hk->partner/meituan',
      type: 'PARTNERS_WITH',
      year: 2020,
      kind: 'strategic',
      derivation: 'STATED',
      inferred: false,
      evidenceLines: [3590],
      evidenceLineEnds: [3591],
      evidenceSentences: ['sentence/3589.1'],
    });
    expect(csvRecord(attributesIn(EDGE_ATTRIBUTES, 'csv'), link)).toMatchObject({
      sourceKind: 'COMPANY',
      targetKind: 'PARTNER',
      share: null,
      evidenceLines: '3590',
      evidenceLineEnds: '3591',
      evidenceSentences: 'sentence/3589.1',
      evidenceQuote: '與美團',
    });
  });

  it('writes how a fact was derived: a RULE edge as RULE with its rule in every format, never as STATED', () => {
    const about: RelationRow = {
      ...link,
      id: 'ABOUT:product/wo-cloud->theme/cloud-computing',
      type: 'ABOUT',
      props: { ...link.props, derivation: 'RULE', rule: 'theme-sentence' },
    };
    const inferred: RelationRow = { ...link, props: { ...link.props, derivation: 'INFERRED' } };
    expect(jsonLink(about)).toMatchObject({ derivation: 'RULE', rule: 'theme-sentence', inferred: false });
    expect(csvRecord(attributesIn(EDGE_ATTRIBUTES, 'csv'), about)).toMatchObject({ derivation: 'RULE', rule: 'theme-sentence' });
    const graphml = Object.fromEntries(attributesIn(EDGE_ATTRIBUTES, 'graphml').map((a) => [a.name, graphmlValue(a.value(about))]));
    expect(graphml).toMatchObject({ derivation: 'RULE', rule: 'theme-sentence', inferred: 'false' });
    expect(jsonLink(inferred)).toMatchObject({ derivation: 'INFERRED', inferred: true });
    // A graph seeded before derivations existed reads as STATED; the bare node too.
    expect(jsonNode(bare)).toMatchObject({ derivation: 'STATED' });
    expect(jsonNode({ ...meituan, entity: { ...meituan.entity, derivation: 'RULE', rule: 'kpi-table' } })).toMatchObject({
      derivation: 'RULE',
      rule: 'kpi-table',
    });
  });

  it('writes GraphML values as text: lists joined, empty lists and absent values left out, XML-forbidden characters removed', () => {
    expect(graphmlValue(['美团', 'Meituan'])).toBe('美团|Meituan');
    expect(graphmlValue([])).toBeNull();
    expect(graphmlValue(null)).toBeNull();
    expect(graphmlValue(undefined)).toBeNull();
    expect(graphmlValue(false)).toBe('false');
    expect(graphmlValue(0)).toBe('0');
    expect(xmlSafe('a\u0001b\tc\uffff')).toBe('ab\tc');
  });
});
