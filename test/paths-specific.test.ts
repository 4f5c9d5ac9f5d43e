import { afterAll, describe, expect, it } from 'vitest';
import { HUB_DEGREE } from '../src/schema/graph.js';
import { testApp } from './helpers.js';

const api = testApp();
afterAll(() => api.close());

const ids = (p: { nodes: { id: string }[] }) => p.nodes.map((n) => n.id);

describe('Query.paths (avoidHubs, excludeKinds)', () => {
  it('routes around the hubs: China Telecom reaches 智慧冬奧 through the co-build meeting in Beijing, not through 中國聯通', async () => {
    const d = await api.data(/* GraphQL */ `
      {
        plain: paths(from: "partner/china-telecom", to: "program/smart-winter-olympics", first: 5, maxLength: 6) { length nodes { id degree } }
        specific: paths(from: "partner/china-telecom", to: "program/smart-winter-olympics", first: 5, maxLength: 6, avoidHubs: true) {
          length nodes { id degree }
        }
      }
    `);
    expect(d.plain[0].length).toBe(2);
    // Every shortest path runs through a hub: 中國聯通 or the 5G theme.
    for (const p of d.plain) expect(p.nodes[1].degree, p.nodes[1].id).toBeGreaterThan(HUB_DEGREE);
    expect(d.specific.length).toBeGreaterThan(0);
    for (const p of d.specific) {
      expect(p.length).toBeGreaterThan(2);
      for (const n of p.nodes.slice(1, -1)) expect(n.degree, n.id).toBeLessThanOrEqual(HUB_DEGREE);
      expect(ids(p)).not.toContain('company/china-unicom-hk');
    }
    expect(ids(d.specific[0])).toEqual(expect.arrayContaining(['event/5g-co-build-anniversary-meeting-2020', 'region/beijing']));
  });

  it('excludeKinds: the cloud-broadcasting co-founders are linked by their joint venture (L3696–3699)', async () => {
    const d = await api.data(/* GraphQL */ `
      {
        paths(from: "partner/xinaote", to: "partner/gehua-catv", first: 5, excludeKinds: [COMPANY, THEME]) {
          length nodes { id } edges { type }
        }
      }
    `);
    // Two routes of length 2: the joint venture they co-founded, and Beijing where both are seated (seed/data/places.yaml).
    const routes = d.paths.map(
      (p: { nodes: { id: string }[]; edges: { type: string }[] }) => `${p.nodes[1]?.id} ${p.edges.map((e) => e.type).join(',')}`,
    );
    expect(routes.sort()).toEqual([
      'region/beijing LOCATED_IN,LOCATED_IN',
      'subsidiary/beijing-international-cloud-broadcasting CO_FOUNDED,CO_FOUNDED',
    ]);
  });

  it('returns no path rather than an unbounded search when only hubs connect two entities within maxLength', async () => {
    const d = await api.data(/* GraphQL */ `
      { paths(from: "partner/xinaote", to: "partner/huawei", first: 3, maxLength: 2, avoidHubs: true) { length } }
    `);
    expect(d.paths).toEqual([]);
  });
});

describe('Query.neighborhood (avoidHubs, excludeKinds)', () => {
  it('leaves out hubs and the excluded kinds, keeping the centre', async () => {
    const d = await api.data(/* GraphQL */ `
      {
        all: neighborhood(id: "partner/xinaote", depth: 1) { nodes { id } }
        specific: neighborhood(id: "partner/xinaote", depth: 1, avoidHubs: true) { nodes { id } }
        noGroup: neighborhood(id: "subsidiary/beijing-international-cloud-broadcasting", depth: 1, excludeKinds: [COMPANY]) { nodes { id kind } }
      }
    `);
    expect(d.all.nodes.map((n: { id: string }) => n.id)).toContain('company/china-unicom-hk');
    const specific = d.specific.nodes.map((n: { id: string }) => n.id);
    expect(specific[0]).toBe('partner/xinaote');
    expect(specific).not.toContain('company/china-unicom-hk');
    expect(specific).toContain('subsidiary/beijing-international-cloud-broadcasting');
    expect(d.noGroup.nodes.filter((n: { kind: string }) => n.kind === 'COMPANY')).toEqual([]);
    expect(d.noGroup.nodes.map((n: { id: string }) => n.id)).toEqual(expect.arrayContaining(['partner/xinaote', 'partner/gehua-catv']));
  });
});
