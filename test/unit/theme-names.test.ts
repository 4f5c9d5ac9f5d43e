import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkThemeNames, DataError, loadCuratedData } from '../../seed/data-files.js';

describe('loadCuratedData: a theme’s names belong to it alone', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  function problems(files: Record<string, string>): string[] {
    dir = mkdtempSync(join(tmpdir(), 'unicom-kg-theme-names-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    try {
      loadCuratedData(dir);
    } catch (err) {
      if (err instanceof DataError) return err.problems;
      throw err;
    }
    return [];
  }

  const theme = `entities:
  - id: theme/winter-olympics
    kind: THEME
    nameZh: 冬奧
    nameEn: Winter Olympics (theme)
    evidence: [{ line: 76, quote: 以努力打造「智慧冬奧」 }]
`;
  const games = (aliases: string) => `entities:
  - id: event/beijing-2022-winter-olympics
    kind: EVENT
    nameZh: 北京2022年冬奧會和冬殘奧會
    aliases: ${aliases}
    evidence: [{ line: 1861, quote: 北京2022年冬奧會和冬殘奧會唯一官方通信服務合作夥伴 }]
`;

  it('reports a theme name another entity has as an alias (folded: Simplified matches Traditional), naming both', () => {
    const found = problems({ 'themes.yaml': theme, 'events.yaml': games('[冬奧會, 冬奥]') });
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('themes.yaml › theme/winter-olympics › nameZh: "冬奧" is also a name of event/beijing-2022-winter-olympics');
    expect(found[0]).toContain('events.yaml › aliases[1] "冬奥"');
  });

  it('accepts the theme and the Games once each keeps its own names', () => {
    expect(problems({ 'themes.yaml': theme, 'events.yaml': games('[冬奧會, 冬奥会]') })).toEqual([]);
  });

  it('checks English names and metrics too, and leaves two non-theme entities to the other checks', () => {
    const found: string[] = [];
    checkThemeNames(
      [
        { id: 'theme/5g', kind: 'THEME', nameZh: '5G', nameEn: '5G', aliases: ['5G網絡'], file: 'themes.yaml' },
        { id: 'program/a', kind: 'PROGRAM', nameZh: '甲', nameEn: '5G network', aliases: [], file: 'programs.yaml' },
        { id: 'program/b', kind: 'PROGRAM', nameZh: '乙', aliases: ['丙'], file: 'programs.yaml' },
        { id: 'product/c', kind: 'PRODUCT', nameZh: '丙', aliases: [], file: 'products.yaml' },
      ],
      [{ id: 'metric/5g', nameZh: '5G网络', aliases: [], file: 'metrics.yaml' }],
      found,
    );
    expect(found).toEqual([
      expect.stringMatching(
        /^themes\.yaml › theme\/5g › aliases\[0\]: "5G網絡" is also a name of metric\/5g \(metrics\.yaml › nameZh "5G网络"\)/,
      ),
    ]);
  });
});
