import { afterAll, describe, expect, it } from 'vitest';
import { prepareGraph } from '../seed/run.js';
import { nameKey } from '../src/search/names.js';
import { testApp } from './helpers.js';

const api = testApp();
afterAll(() => api.close());

/** Every entity of the seed (curated files and the KPI table), as the seeder builds it. */
const entities = prepareGraph().entities.map((e) => ({
  id: e.id,
  kind: e.props.kind as string,
  nameZh: e.props.nameZh as string,
  nameEn: (e.props.nameEn as string | null) ?? null,
  aliases: (e.props.aliases as string[]) ?? [],
}));

interface Lookup {
  name: string;
  kinds: string[] | null;
  /** Through `metric(name:)` instead of `entity(name:)`. */
  metric?: boolean;
}

/** Resolves many names through the API, 25 aliased fields per request (under MAX_ALIASES). */
async function resolveAll(lookups: readonly Lookup[]): Promise<(string | null)[]> {
  const out: (string | null)[] = [];
  for (let i = 0; i < lookups.length; i += 25) {
    const batch = lookups.slice(i, i + 25);
    const vars: Record<string, unknown> = {};
    const decls: string[] = [];
    const fields = batch.map((l, j) => {
      vars[`n${j}`] = l.name;
      decls.push(`$n${j}: String!`);
      if (l.metric) return `e${j}: metric(name: $n${j}) { id }`;
      vars[`k${j}`] = l.kinds;
      decls.push(`$k${j}: [EntityKind!]`);
      return `e${j}: entity(name: $n${j}, kinds: $k${j}) { id }`;
    });
    const d = await api.data<Record<string, { id: string } | null>>(`query (${decls.join(', ')}) { ${fields.join('\n')} }`, vars);
    batch.forEach((_l, j) => {
      out.push(d[`e${j}`]?.id ?? null);
    });
  }
  return out;
}

async function misses(lookups: readonly (Lookup & { expect: string })[]): Promise<string[]> {
  const got = await resolveAll(lookups);
  return lookups.flatMap((l, i) =>
    got[i] === l.expect ? [] : [`${l.name} (${l.kinds?.join(',') ?? 'any kind'}) → ${got[i]}, want ${l.expect}`],
  );
}

describe('Query.entity (by name)', () => {
  it('resolves every entity of the graph by its printed name (metrics through Query.metric)', async () => {
    expect(entities.length).toBeGreaterThanOrEqual(1187);
    const lookups = entities.map((e) => ({ name: e.nameZh, kinds: null, metric: e.kind === 'METRIC', expect: e.id }));
    expect(await misses(lookups)).toEqual([]);
  });

  it('resolves every entity by each of its aliases and its English name, given its kind', async () => {
    const lookups = entities.flatMap((e) =>
      [...(e.nameEn ? [e.nameEn] : []), ...e.aliases].map((name) => ({ name, kinds: [e.kind], expect: e.id })),
    );
    expect(lookups.length).toBeGreaterThan(1500);
    expect(await misses(lookups)).toEqual([]);
  });

  it('resolves an alias without a kind to its entity unless another entity prints that name (the documented rule)', async () => {
    const printed = new Map<string, string>();
    for (const e of entities) if (e.kind !== 'METRIC') printed.set(nameKey(e.nameZh), e.id);
    const lookups = entities
      .filter((e) => e.kind !== 'METRIC')
      .flatMap((e) =>
        e.aliases.filter((a) => (printed.get(nameKey(a)) ?? e.id) === e.id).map((name) => ({ name, kinds: null, expect: e.id })),
      );
    expect(await misses(lookups)).toEqual([]);
  });

  it('folds full-width punctuation, the ideographic space, case and script: the reporting company by any spelling', async () => {
    const d = await api.data(/* GraphQL */ `
      {
        printed: entity(name: "中國聯合網絡通信（香港）股份有限公司") { id }
        halfWidth: entity(name: "中國聯合網絡通信(香港)股份有限公司") { id }
        simplified: entity(name: "中国联合网络通信(香港)股份有限公司") { id }
        spaced: entity(name: "中國聯合網絡通信　（香港） 股份有限公司") { id }
        duxiaoman: entity(name: "度小滿科技(北京)有限公司") { id }
        scope1: metric(name: "直接GHG排放總量(範疇一)") { id }
        upper: entity(name: "MEITUAN") { id }
      }
    `);
    expect(d.printed.id).toBe('company/china-unicom-hk');
    expect(d.halfWidth.id).toBe('company/china-unicom-hk');
    expect(d.simplified.id).toBe('company/china-unicom-hk');
    expect(d.spaced.id).toBe('company/china-unicom-hk');
    expect(d.duxiaoman.id).toMatch(/^partner\//);
    expect(d.scope1.id).toMatch(/^metric\//);
    expect(d.upper.id).toBe('partner/meituan');
  });

  it('finds the KPI sub-rows printed as 其中／其中： also by their bare names', async () => {
    const d = await api.data(/* GraphQL */ `
      {
        a: metric(name: "固定電話客戶滿意度") { id nameZh }
        b: metric(name: "4G用户数") { id nameZh }
        c: metric(name: "移動出賬用戶到達數") { id nameZh }
      }
    `);
    expect(d.a).toEqual({ id: 'metric/fixed-telephone-customer-satisfaction', nameZh: '其中：固定電話客戶滿意度' });
    expect(d.b).toEqual({ id: 'metric/4g-subscribers', nameZh: '其中4G用戶數' });
    expect(d.c).toEqual({ id: 'metric/mobile-billing-subscribers', nameZh: '其中移動出賬用戶到達數' });
  });

  it('prefers the entity over the KPI row of the same name; `kinds` and Query.metric choose the metric', async () => {
    const d = await api.data(/* GraphQL */ `
      {
        award: entity(name: "國家綠色數據中心") { id }
        metric: entity(name: "國家綠色數據中心", kinds: [METRIC]) { id }
        viaMetric: metric(name: "國家綠色數據中心") { id }
        program: entity(name: "「雲外交」通信保障") { id }
        programMetric: metric(name: "「雲外交」通信保障") { id }
        all: entitiesByName(name: "国家绿色数据中心") { entity { id } matched rank }
      }
    `);
    expect(d.award.id).toBe('award/national-green-data-center');
    expect(d.metric.id).toBe('metric/green-data-centres');
    expect(d.viaMetric.id).toBe('metric/green-data-centres');
    expect(d.program.id).toBe('program/cloud-diplomacy-communications-support');
    expect(d.programMetric.id).toBe('metric/cloud-diplomacy-events');
    expect(d.all).toEqual([
      { entity: { id: 'award/national-green-data-center' }, matched: '國家綠色數據中心', rank: 'PRINTED' },
      { entity: { id: 'metric/green-data-centres' }, matched: '國家綠色數據中心', rank: 'PRINTED' },
    ]);
  });

  it('gives each alias to one entity only: 雲轉播 and 雲鏑 are the joint-venture companies', async () => {
    const d = await api.data(/* GraphQL */ `
      {
        a: entitiesByName(name: "雲轉播") { entity { id } }
        b: entitiesByName(name: "雲鏑") { entity { id } }
      }
    `);
    expect(d.a).toEqual([{ entity: { id: 'subsidiary/beijing-international-cloud-broadcasting' } }]);
    expect(d.b).toEqual([{ entity: { id: 'subsidiary/yundi' } }]);
  });
});

describe('nameKey', () => {
  it('folds NFKC, script, case and every space into one key', () => {
    expect(nameKey('中國聯合網絡通信（香港）股份有限公司')).toBe(nameKey('中国联合网络通信 (香港) 股份有限公司'));
    expect(nameKey('其中：固定電話客戶滿意度')).toBe('其中:固定电话客户满意度');
    expect(nameKey('Ｃhina　Unicom')).toBe('chinaunicom');
  });
});
