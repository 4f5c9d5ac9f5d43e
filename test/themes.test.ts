import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { themesDocument } from '../tools/theme-candidates.js';
import { testApp } from './helpers.js';

const api = testApp();
afterAll(() => api.close());

describe('Theme', () => {
  it('has the themes the report is organised around, each with evidence and entities ABOUT it', async () => {
    const d = await api.data(/* GraphQL */ `
      { entities(kinds: [THEME], first: 100) { totalCount edges { node { id nameZh evidence { line quote } ... on Theme { entities { id } } } } } }
    `);
    expect(d.entities.totalCount).toBeGreaterThanOrEqual(25);
    const names = d.entities.edges.map((e: { node: { nameZh: string } }) => e.node.nameZh);
    expect(names).toEqual(
      expect.arrayContaining([
        '5G',
        '物聯網',
        '大數據',
        '雲計算',
        '人工智能',
        '區塊鏈',
        '車聯網',
        '工業互聯網',
        '智慧城市',
        '網絡安全',
        '扶貧',
        '農村',
        '冬奧',
        '疫情防控',
        '綠色低碳',
        '信息無障礙',
      ]),
    );
    for (const { node } of d.entities.edges) {
      expect(node.evidence.length, node.id).toBeGreaterThan(0);
      expect(node.entities.length, node.id).toBeGreaterThan(0);
    }
  });

  it('Theme.programs, Theme.entities(kinds) and Theme.partners: who works with China Unicom on 5G', async () => {
    const d = await api.data(/* GraphQL */ `
      {
        entity(name: "5G", kinds: [THEME]) {
          id
          ... on Theme {
            programs { id }
            events: entities(kinds: [EVENT]) { id kind }
            partners { id }
          }
        }
      }
    `);
    expect(d.entity.id).toBe('theme/5g');
    expect(d.entity.programs.map((p: { id: string }) => p.id)).toContain('program/5g-co-build-co-share');
    expect(d.entity.events.length).toBeGreaterThan(0);
    expect(d.entity.events.every((e: { kind: string }) => e.kind === 'EVENT')).toBe(true);
    // China Telecom through the 5G co-build program it takes part in; XCMG through the 5G park network it co-built.
    expect(d.entity.partners.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining(['partner/china-telecom', 'partner/xcmg']));
  });

  it('Entity.themes and the ABOUT relationship with the line that says so', async () => {
    const d = await api.data(/* GraphQL */ `
      { entity(id: "product/blockchain-resumption-registration-platform") { themes { id } relations(types: ["ABOUT"]) { edges { node { id } evidence { line quote } } } } }
    `);
    expect(d.entity.themes.map((t: { id: string }) => t.id)).toContain('theme/blockchain');
    const edge = d.entity.relations.edges.find((e: { node: { id: string } }) => e.node.id === 'theme/blockchain');
    expect(edge.evidence[0].quote).toContain('區塊鏈');
  });

  it('the printed name of a theme resolves to the theme; the Games keep their own names', async () => {
    const d = await api.data(/* GraphQL */ `
      { theme: entity(name: "冬奥") { id } games: entity(name: "冬奧會") { id } }
    `);
    expect(d.theme.id).toBe('theme/winter-olympics');
    expect(d.games.id).toBe('event/beijing-2022-winter-olympics');
  });

  it('Entity.themes: none of the keyword tags the issue found wrong (a word inside another name, a generic word, a KPI row)', async () => {
    const d = await api.data(/* GraphQL */ `
      {
        jd: entity(id: "partner/jd") { themes { id } }
        cpc: entity(id: "organization/cpc-central-committee") { themes { id } }
        gri: entity(id: "organization/gri") { themes { id } }
        union: entity(id: "unit/trade-union") { themes { id } }
        woCloud: entity(id: "product/wo-cloud") { themes { id } }
        meituan: entity(id: "partner/meituan") { themes { id } relations(types: ["ABOUT"]) { edges { node { id } derivation evidence { line quote } } } }
      }
    `);
    const themes = (e: { themes: { id: string }[] }) => e.themes.map((t) => t.id);
    // 京東 inside 南京東路 (a street in Shanghai, L1311) no longer tags JD.com 5G or smart city; its 扶貧 pavilion does.
    expect(themes(d.jd)).not.toContain('theme/5g');
    expect(themes(d.jd)).not.toContain('theme/smart-city');
    expect(themes(d.jd)).toContain('theme/poverty-alleviation');
    // An award issuer is not about big data because the recipient (聯通大數據公司) is named after it.
    expect(themes(d.cpc)).not.toContain('theme/big-data');
    // 「遵照GRI 標準」: 標準 alone is no word of science and technology innovation.
    expect(themes(d.gri)).not.toContain('theme/sci-tech-innovation');
    // A KPI row about staff does not make the trade union about talent.
    expect(themes(d.union)).not.toContain('theme/talent');
    // 沃雲 (its printed platform name 沃雲平台 holds 雲平台) is about cloud computing.
    expect(themes(d.woCloud)).toContain('theme/cloud-computing');
    // The fields of Meituan's agreement (5G, 物聯網, 大數據), STATED with the sentence that names them.
    expect(themes(d.meituan)).toEqual(expect.arrayContaining(['theme/5g', 'theme/iot', 'theme/big-data']));
    const fiveG = d.meituan.relations.edges.find((e: { node: { id: string } }) => e.node.id === 'theme/5g');
    expect(fiveG.derivation).toBe('STATED');
    expect(fiveG.evidence[0]).toMatchObject({ line: 3607, quote: '2020年12月，中國聯通與美團簽署戰略合作框架協議' });
    expect(fiveG.evidence[1].quote).toContain('圍繞5G、物聯網、大數據等領域展開深度合作');
  });

  it('seed/data/themes.yaml is what tools/theme-candidates.ts generates (no hand edits drift)', () => {
    const file = parse(readFileSync(new URL('../seed/data/themes.yaml', import.meta.url), 'utf8'));
    const doc = themesDocument();
    expect(file.entities).toEqual(doc.entities);
    expect(file.relations).toEqual(doc.relations);
  });
});
