import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkCumulative, DataError, loadCuratedData } from '../../seed/data-files.js';
import { prepareGraph } from '../../seed/run.js';
import { MetricInput } from '../../seed/schema.js';
import { REPORT } from '../../src/model/index.js';

// A real figure of the report: 新疆伊犁聯通 … 共計完成建設70個行政村 (L1399–1400).
const villages = {
  id: 'metric/test-villages',
  nameZh: '測試行政村',
  unit: '個',
  category: '網絡',
  values: [{ year: 2020, value: 70, printed: '70', line: 1399, lineEnd: 1400, quote: '共計完成建設70個行政村', period: 'cumulative' }],
};

describe('MetricInput.of (seed/schema.ts)', () => {
  it('takes the id of the entity a text figure is about', () => {
    const m = MetricInput.parse({ ...villages, of: 'program/yili-rural-broadband' });
    expect(m.of).toBe('program/yili-rural-broadband');
    expect(MetricInput.parse(villages).of).toBeUndefined();
  });

  it('rejects an id that is no entity id, another metric, and an `of` on a KPI-table row', () => {
    const issues = (x: unknown) => MetricInput.safeParse(x).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];
    expect(issues({ ...villages, of: 'Yili' })).toEqual([expect.stringMatching(/^of: expected "<kind>\/<slug>"/)]);
    expect(issues({ ...villages, of: 'metric/total-users' })).toEqual(['of: a metric measures an entity, not another metric']);
    expect(issues({ ...villages, source: 'kpi-table', of: 'program/yili-rural-broadband' })).toEqual([
      'of: a KPI-table row is a company-level figure: only a text metric names the entity it is about',
    ]);
  });
});

describe('loadCuratedData: the entity a metric is `of`', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  const entities = `entities:
  - id: program/yili-rural-broadband
    kind: PROGRAM
    nameZh: 「農村寬帶普遍服務」工程
    evidence: [{ line: 1398, quote: 開展「農村寬帶普遍服務」工程 }]
  - id: region/yili
    kind: REGION
    level: area
    nameZh: 伊犁
    evidence: [{ line: 1398, quote: 開展「農村寬帶普遍服務」工程 }]
`;
  const metric = (of: string) => `metrics:
  - id: metric/test-villages
    nameZh: 測試行政村
    category: 網絡
    of: ${of}
    values:
      - { year: 2020, value: 70, printed: "70", line: 1399, lineEnd: 1400, quote: "共計完成建設70個行政村", period: cumulative }
`;

  function problems(of: string): string[] {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = mkdtempSync(join(tmpdir(), 'unicom-kg-of-'));
    writeFileSync(join(dir, 'programs.yaml'), entities);
    writeFileSync(join(dir, 'metrics.yaml'), metric(of));
    try {
      loadCuratedData(dir);
    } catch (err) {
      if (err instanceof DataError) return err.problems;
      throw err;
    }
    return [];
  }

  it('accepts a programme that exists', () => {
    expect(problems('program/yili-rural-broadband')).toEqual([]);
  });

  it('reports an entity that does not exist, the reporting company, and a kind MEASURED_BY does not join', () => {
    expect(problems('program/no-such-programme')).toEqual([
      'metrics.yaml › metric/test-villages › of: no entity has id "program/no-such-programme"',
    ]);
    expect(problems(REPORT.reportingCompany)).toEqual([
      expect.stringMatching(/^metrics\.yaml › metric\/test-villages › of: "company\/china-unicom-hk" is the reporting company/),
    ]);
    expect(problems('region/yili')).toEqual([
      expect.stringMatching(/› MEASURED_BY region\/yili -> metric\/test-villages › kinds: REGION → METRIC is not allowed for MEASURED_BY/),
    ]);
  });
});

describe('buildGraph: MEASURED_BY edges (seed/build.ts)', () => {
  const rows = prepareGraph();
  const measured = rows.relations.filter((r) => r.type === 'MEASURED_BY');

  it('writes one STATED MEASURED_BY edge from the entity to each metric that names it, citing the values', () => {
    const ports = measured.find((r) => r.to === 'metric/yili-rural-broadband-fibre-ports');
    expect(ports).toMatchObject({
      id: 'MEASURED_BY:program/yili-rural-broadband->metric/yili-rural-broadband-fibre-ports',
      from: 'program/yili-rural-broadband',
      props: { derivation: 'STATED', evidenceLines: [1400], evidenceLineEnds: [1401], evidenceQuotes: ['建設光網端口3136個'] },
    });
    expect(ports?.props).not.toHaveProperty('rule');
    expect(measured.every((r) => r.props.derivation === 'STATED' && r.id === `MEASURED_BY:${r.from}->${r.to}`)).toBe(true);
  });

  it('attaches 229 text metrics to 114 entities and keeps the REPORTS edge of every metric (the company discloses all)', () => {
    expect(measured).toHaveLength(229);
    expect(new Set(measured.map((r) => r.from)).size).toBe(114);
    const byKind: Record<string, number> = {};
    for (const r of measured) {
      const kind = r.from.split('/')[0] as string;
      byKind[kind] = (byKind[kind] ?? 0) + 1;
    }
    expect(byKind).toEqual({
      program: 93,
      product: 72,
      event: 15,
      branch: 22,
      subsidiary: 8,
      partner: 4,
      unit: 7,
      company: 3,
      award: 3,
      publication: 2,
    });
    const reported = new Set(rows.relations.filter((r) => r.type === 'REPORTS').map((r) => r.to));
    for (const r of measured) expect(reported.has(r.to), r.to).toBe(true);
    const kpi = new Set(rows.entities.filter((e) => e.props.source === 'kpi-table').map((e) => e.id));
    for (const r of measured) expect(kpi.has(r.to), r.to).toBe(false);
  });
});

describe('checkCumulative (seed/data-files.ts): a 累計 figure is a running total', () => {
  it('refuses a value whose quote says 累計 or 以來 unless it is period: cumulative, and names the fix', () => {
    const problems: string[] = [];
    // L558: 公司5年累計開展幫扶1959個村 … (filed as one year's until 2026-12-08)
    checkCumulative('metrics.yaml › metric/x › values', [{ year: 2020, quote: '公司5年累計開展幫扶1959個村' }], problems);
    checkCumulative('metrics.yaml › metric/y › values', [{ year: 2020, quote: '自2017年以來共對232家供應商採取了禁入措施' }], problems);
    checkCumulative(
      'metrics.yaml › metric/z › values',
      [{ year: 2020, quote: '公司5年累計開展幫扶1959個村', period: 'cumulative' }],
      problems,
    );
    checkCumulative('metrics.yaml › metric/w › values', [{ year: 2020, quote: '涉及1255個縣' }], problems);
    expect(problems).toEqual([
      'metrics.yaml › metric/x › values[0] (2020): the quote "公司5年累計開展幫扶1959個村" says 累計, so the value is a running total: add period: cumulative',
      'metrics.yaml › metric/y › values[0] (2020): the quote "自2017年以來共對232家供應商採取了禁入措施" says 以來, so the value is a running total: add period: cumulative',
    ]);
  });
});
