import { describe, expect, it } from 'vitest';
import { prepareGraph } from '../../seed/run.js';
import { EntityInput } from '../../seed/schema.js';
import {
  ENTITY_KINDS,
  ENTITY_PROPERTIES,
  idPrefixOf,
  KINDS,
  kindOfId,
  metricValueId,
  REPORT,
  REPORTS,
  typeNameOfKind,
} from '../../src/model/index.js';

describe('KINDS (src/model/kinds.ts)', () => {
  it('gives every kind a type name, an id prefix and both descriptions, none shared with another kind', () => {
    for (const k of ENTITY_KINDS) {
      expect(KINDS[k].typeName).toMatch(/^[A-Z][A-Za-z]+$/);
      expect(KINDS[k].idPrefix).toMatch(/^[a-z][a-z-]*$/);
      expect(KINDS[k].description.length).toBeGreaterThan(10);
      expect(KINDS[k].typeDescription.length).toBeGreaterThan(10);
    }
    expect(new Set(ENTITY_KINDS.map((k) => KINDS[k].typeName)).size).toBe(ENTITY_KINDS.length);
    expect(new Set(ENTITY_KINDS.map((k) => KINDS[k].idPrefix)).size).toBe(ENTITY_KINDS.length);
  });

  it('names the GraphQL type of a kind, and "Unknown" for a string that is no kind', () => {
    expect(typeNameOfKind('PARTNER')).toBe('Partner');
    expect(typeNameOfKind('ORGANIZATION')).toBe('Organization');
    expect(typeNameOfKind('partner')).toBe('Unknown');
    expect(typeNameOfKind('__proto__')).toBe('Unknown');
  });

  it('reads the kind of an id from its prefix, and of a foreign id as undefined', () => {
    expect(kindOfId('partner/meituan')).toBe('PARTNER');
    expect(kindOfId('metric/total-assets')).toBe('METRIC');
    for (const k of ENTITY_KINDS) expect(kindOfId(`${idPrefixOf(k)}x`)).toBe(k);
    expect(kindOfId('meituan')).toBeUndefined();
    expect(kindOfId('/meituan')).toBeUndefined();
    expect(kindOfId('constructor/x')).toBeUndefined();
  });

  it("is what the data files are validated against: an id must carry its kind's prefix", () => {
    const base = { nameZh: '美團', sector: 'internet', evidence: [{ line: 1, quote: 'x' }] };
    expect(EntityInput.safeParse({ ...base, id: 'partner/meituan', kind: 'PARTNER' }).success).toBe(true);
    const wrong = EntityInput.safeParse({ ...base, id: 'program/meituan', kind: 'PARTNER' });
    expect(wrong.success).toBe(false);
    expect(wrong.error?.issues.map((i) => i.message)).toContain('id must start with "partner/" for kind PARTNER');
    expect(EntityInput.safeParse({ ...base, id: 'gadget/meituan', kind: 'PARTNER' }).success).toBe(false);
  });
});

describe('Report (src/model/report.ts)', () => {
  it('describes the one report the graph holds, found by its id', () => {
    expect(REPORTS.get(REPORT.id)).toBe(REPORT);
    expect(REPORT).toMatchObject({ reportingCompany: 'company/china-unicom-hk', year: 2020, years: [2018, 2019, 2020] });
    expect(REPORTS.get('__proto__')).toBeUndefined();
  });

  it('keeps a restated year of a later report apart from the first one', () => {
    const later = { ...REPORT, id: 'china-unicom-csr-2021' };
    expect(metricValueId(REPORT, 'metric/total-assets', 2020)).not.toBe(metricValueId(later, 'metric/total-assets', 2020));
  });
});

describe('the seed built from the model (seed/build.ts, no database)', () => {
  const rows = prepareGraph();

  it("labels every entity with its kind's type name and writes only the listed entity properties", () => {
    const listed = new Set<string>(ENTITY_PROPERTIES);
    for (const e of rows.entities) {
      expect(e.label).toBe(KINDS[e.props.kind].typeName);
      expect(e.id.startsWith(idPrefixOf(e.props.kind))).toBe(true);
      for (const key of Object.keys(e.props)) expect(listed.has(key), `${e.id}.${key}`).toBe(true);
    }
    expect(new Set(rows.entities.map((e) => e.props.kind))).toEqual(new Set(ENTITY_KINDS));
  });

  it('carries the report on every evidence, line and metric value', () => {
    for (const e of rows.entities) {
      expect(e.props.evidenceReports).toHaveLength(e.props.evidenceLines.length);
      expect(new Set(e.props.evidenceReports)).toEqual(new Set(e.props.evidenceLines.length ? [REPORT.id] : []));
    }
    for (const r of rows.relations) expect(new Set(r.props.evidenceReports)).toEqual(new Set([REPORT.id]));
    for (const l of rows.lines) expect(l.report).toBe(REPORT.id);
    for (const v of rows.metricValues) {
      expect(v.props.report).toBe(REPORT.id);
      expect(v.id).toBe(metricValueId(REPORT, v.metricId, v.props.year as number));
    }
    expect(new Set(rows.metricValues.map((v) => v.id)).size).toBe(rows.metricValues.length);
  });

  it('has the reporting company REPORT every metric', () => {
    const metrics = rows.entities.filter((e) => e.props.kind === 'METRIC').map((e) => e.id);
    const reported = rows.relations.filter((r) => r.type === 'REPORTS' && r.from === REPORT.reportingCompany).map((r) => r.to);
    expect(new Set(reported)).toEqual(new Set(metrics));
    expect(metrics.length).toBeGreaterThan(100);
  });
});
