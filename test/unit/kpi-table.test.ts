import { describe, expect, it } from 'vitest';
import { KPI_NAMES } from '../../seed/parse/kpi-names.js';
import { parseKpiTable } from '../../seed/parse/kpi-table.js';
import { MetricInput } from '../../seed/schema.js';
import { lineText, sourceLines } from '../../seed/source.js';

const metrics = parseKpiTable(sourceLines());
const byName = new Map(metrics.map((m) => [m.nameZh, m]));

function metric(nameZh: string): MetricInput {
  const m = byName.get(nameZh);
  if (!m) throw new Error(`no KPI row ${nameZh}`);
  return m;
}

function yearValue(nameZh: string, year: number) {
  return metric(nameZh).values.find((v) => v.year === year);
}

describe('parseKpiTable on the report', () => {
  it('reads every row of both pages of the table once', () => {
    expect(metrics).toHaveLength(100);
    expect(metrics[0]?.nameZh).toBe('資產總額');
    expect(metrics.at(-1)?.nameZh).toBe('捐贈總額');
  });

  it('assigns each row the heading it falls under', () => {
    expect([...new Set(metrics.map((m) => m.category))]).toEqual([
      '經營發展',
      '網絡能力',
      '重保投入',
      '自主創新',
      '客戶服務',
      '以人為本',
      '低碳發展',
      '合規管理',
      '社區責任',
    ]);
    expect(metric('員工培訓投入').category).toBe('以人為本');
    expect(metric('男女員工比例').category).toBe('以人為本');
    expect(metric('捐贈總額').category).toBe('社區責任');
  });

  it('reads plain numbers with their unit', () => {
    const m = metric('員工培訓投入');
    expect(m.id).toBe('metric/employee-training-investment');
    expect(m.unit).toBe('萬元');
    expect(m.source).toBe('kpi-table');
    expect(m.values.map((v) => v.year)).toEqual([2018, 2019, 2020]);
    expect(yearValue('員工培訓投入', 2018)).toMatchObject({ value: 42299, printed: '42299', line: 4233 });
    expect(yearValue('5G基站', 2020)).toMatchObject({ value: 38, printed: '38' });
    expect(yearValue('固定寬帶用戶數', 2018)).toMatchObject({ value: 8088, printed: '8088.0' });
  });

  it('reads ratios as their quotient and keeps the printed form', () => {
    expect(yearValue('男女員工比例', 2018)).toMatchObject({ value: 1.5, printed: '1.50：1' });
    expect(yearValue('男女員工比例', 2020)).toMatchObject({ value: 1.54, printed: '1.54：1' });
    expect(metric('男女員工比例').unit).toBe('男比女');
  });

  it('gives null for a dash and for a letter grade', () => {
    expect(yearValue('線纜報廢處理量', 2018)).toMatchObject({ value: null, printed: '—' });
    expect(yearValue('線纜報廢處理量', 2019)).toMatchObject({ value: 15.5, printed: '15.5' });
    expect(yearValue('信用評估等級', 2020)).toMatchObject({ value: null, printed: 'AAA' });
  });

  it('strips the footnote marker from the name and attaches the footnote', () => {
    const energy = metric('單位信息流量能耗');
    expect(energy.unit).toBe('千克標準煤╱ TB');
    expect(energy.footnote).toBe('2018–2020年統計口徑根據有關要求統一調整');
    expect(energy.evidence).toEqual([{ line: 4281, quote: '單位信息流量能耗5' }]);
    expect(metric('信用評估等級').footnote).toMatch(/^為聯合信用評級有限公司.*AAA信用評估等級。$/);
    expect(metric('員工培訓投入').footnote).toBeUndefined();
    expect(metrics.filter((m) => m.footnote)).toHaveLength(10);
  });

  it('cites every value and name verbatim on its line', () => {
    for (const m of metrics) {
      for (const ev of [...m.values, ...m.evidence]) expect(lineText(ev.line)).toContain(ev.quote);
      for (const v of m.values) expect(lineText(v.line)).toContain(v.printed);
    }
  });

  it('gives unique ids that the schema accepts, every row named in English', () => {
    expect(new Set(metrics.map((m) => m.id)).size).toBe(metrics.length);
    for (const m of metrics) {
      expect(MetricInput.parse(m)).toEqual(m);
      expect(KPI_NAMES[m.nameZh]?.nameEn).toBe(m.nameEn);
    }
  });

  it('uses every English name it defines', () => {
    expect(Object.keys(KPI_NAMES).sort()).toEqual(metrics.map((m) => m.nameZh).sort());
  });
});

describe('parseKpiTable on altered input', () => {
  const lines = sourceLines();
  const rowIndex = lines.findIndex((l) => l.startsWith('員工培訓投入 '));

  it('throws, naming the line, when a row has no English name', () => {
    const altered = lines.map((l, i) => (i === rowIndex ? l.replace('員工培訓投入', '員工旅遊投入') : l));
    expect(() => parseKpiTable(altered)).toThrow(new RegExp(`line ${rowIndex + 1}: row "員工旅遊投入 萬元 42299`));
  });

  it('throws on a line inside the table it cannot read', () => {
    const altered = lines.map((l, i) => (i === rowIndex ? '員工培訓投入 萬元 42299 37436' : l));
    expect(() => parseKpiTable(altered)).toThrow(`line ${rowIndex + 1}`);
  });

  it('keeps the first of two identical rows', () => {
    const repeated = [...lines.slice(0, rowIndex + 1), '員工培訓投入 萬元 1 2 3', ...lines.slice(rowIndex + 1)];
    const parsed = parseKpiTable(repeated);
    expect(parsed).toHaveLength(100);
    expect(parsed.find((m) => m.nameZh === '員工培訓投入')?.values[0]).toMatchObject({ value: 42299, line: rowIndex + 1 });
  });
});

describe('parseKpiTable: network figures', () => {
  it('reads 4G and 5G base stations in 萬個 as printed in the report', () => {
    const fourG = metric('4G基站到達數量');
    expect(fourG.unit).toBe('萬個');
    expect(fourG.values.map((v) => [v.year, v.value])).toEqual([
      [2018, 98.7],
      [2019, 141],
      [2020, 150.3],
    ]);
    expect(yearValue('4G基站到達數量', 2019)).toMatchObject({ printed: '141', line: 4140 });
    expect(yearValue('5G基站', 2019)).toMatchObject({ value: null, printed: '—' });
  });
});
