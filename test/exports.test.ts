import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareGraph } from '../seed/run.js';
import { EXAMPLES } from '../src/examples.js';
import { EXPORT_PAGE_SIZE } from '../src/http/exports/index.js';
import { createApp } from '../src/yoga.js';
import { testApp } from './helpers.js';

const t = testApp();
const cached = createApp(t.state, { responseCache: { ttlSeconds: 60 } });
afterAll(() => t.close());

const get = (path: string, headers: Record<string, string> = {}, app = t.app) => app.fetch(`http://yoga${path}`, { headers });

/** Parses a CSV body (RFC 4180 quoting) into rows of cells; enough for these assertions. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else if (c !== '\r') cell += c;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

async function csv(path: string) {
  const res = await get(path);
  expect(res.status).toBe(200);
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header = [], ...rows] = parseCsv(new TextDecoder().decode(bytes.slice(3)));
  return { res, header, rows, records: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? '']))) };
}

interface NodeLink {
  directed: boolean;
  multigraph: boolean;
  graph: Record<string, unknown>;
  nodes: { id: string; kind: string; nameZh: string; [k: string]: unknown }[];
  links: { source: string; target: string; key: string; type: string; year?: number; [k: string]: unknown }[];
}

describe('GET /graphql (for notebooks)', () => {
  it('answers a query sent as URL parameters, variables included', async () => {
    const q = /* GraphQL */ 'query ($n: String!) { metric(name: $n) { id values { year printed } } }';
    const res = await get(
      `/graphql?query=${encodeURIComponent(q)}&variables=${encodeURIComponent(JSON.stringify({ n: '4G基站到達數量' }))}`,
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { metric: { id: string; values: { year: number; printed: string }[] } } };
    expect(body.data.metric.values.map((v) => v.printed)).toEqual(['98.7', '141', '150.3']);
  });

  it('runs a showcase query by persisted id (?id=fourGBaseStations), by its sha256, and still runs arbitrary queries', async () => {
    const byName = (await (await get('/graphql?id=fourGBaseStations')).json()) as { data: { metric: { unit: string } } };
    expect(byName.data.metric.unit).toBe('萬個');
    const hash = createHash('sha256').update(EXAMPLES.search).digest('hex');
    const byHash = (await (await get(`/graphql?id=${hash}`)).json()) as { data: { search: { entity: { id: string } }[] } };
    expect(byHash.data.search[0]?.entity.id).toBe('partner/china-telecom');
    const apq = await t.app.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }),
    });
    expect(((await apq.json()) as { data: { search: unknown[] } }).data.search.length).toBeGreaterThan(0);
    expect((await t.data(/* GraphQL */ '{ entity(id: "partner/meituan") { nameZh } }')).entity.nameZh).toBe('美團');
  });

  it('says which ids exist when a persisted id is unknown', async () => {
    const body = (await (await get('/graphql?id=nope')).json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(body.errors[0]?.message).toContain('fourGBaseStations');
  });

  it('answers a CORS preflight from a browser notebook', async () => {
    const res = await t.app.fetch('http://yoga/graphql', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://observablehq.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(res.status).toBeLessThan(300);
    expect(res.headers.get('access-control-allow-origin')).toMatch(/^(\*|https:\/\/observablehq\.com)$/);
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
  });
});

describe('response cache (RESPONSE_CACHE=on)', () => {
  it('gives GET results an ETag and Cache-Control, and answers If-None-Match with 304', async () => {
    const first = await get('/graphql?id=meituanNeighborhood', {}, cached);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    expect(first.headers.get('cache-control')).toBe('public, max-age=60');
    const again = await get('/graphql?id=meituanNeighborhood', { 'if-none-match': String(etag) }, cached);
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('serves a repeated query from the cache without touching Neo4j, but not when a trace is asked for', async () => {
    const q = encodeURIComponent('{ entity(id: "partner/meituan") { nameZh degree } }');
    await get(`/graphql?query=${q}`, {}, cached);
    const hit = await get(`/graphql?query=${q}`, {}, cached);
    expect(((await hit.json()) as { data: { entity: { nameZh: string } } }).data.entity.nameZh).toBe('美團');
    const traced = (await (await get(`/graphql?query=${q}`, { 'x-trace': '1' }, cached)).json()) as {
      extensions: { trace: { dbRoundTrips: number } };
    };
    expect(traced.extensions.trace.dbRoundTrips).toBeGreaterThan(0);
  });

  it('puts no Cache-Control on errors or on POST', async () => {
    const bad = await get(`/graphql?query=${encodeURIComponent('{ nope }')}`, {}, cached);
    expect(bad.headers.get('cache-control')).toBeNull();
    const post = await cached.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(post.headers.get('cache-control')).toBeNull();
  });
});

describe('GET /export/graph.json', () => {
  it('is node-link JSON (networkx) with every node, every link between them, and a graph version', async () => {
    const res = await get('/export/graph.json');
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="unicom-kg-graph.json"');
    const g = (await res.json()) as NodeLink;
    expect(g.directed).toBe(true);
    expect(g.multigraph).toBe(true);
    expect(g.graph.version).toMatch(/^[0-9a-f]+$/);
    // More than one page of each, so the keyset paging is exercised.
    expect(g.nodes.length).toBeGreaterThan(2 * EXPORT_PAGE_SIZE);
    expect(g.links.length).toBeGreaterThan(2 * EXPORT_PAGE_SIZE);
    const ids = new Set(g.nodes.map((n) => n.id));
    expect(ids.size).toBe(g.nodes.length);
    expect(new Set(g.links.map((l) => l.key)).size).toBe(g.links.length);
    for (const l of g.links) expect(ids.has(l.source) && ids.has(l.target)).toBe(true);
    const meituan = g.nodes.find((n) => n.id === 'partner/meituan');
    expect(meituan).toMatchObject({ kind: 'PARTNER', nameZh: '美團', nameEn: 'Meituan' });
    expect(g.links.some((l) => l.target === 'partner/meituan' && l.type === 'PARTNERS_WITH')).toBe(true);
  });

  it('filters by ?kinds= and ?types=, keeping only links between exported nodes', async () => {
    const g = (await (await get('/export/graph.json?kinds=PARTNER,company&types=PARTNERS_WITH')).json()) as NodeLink;
    expect(new Set(g.nodes.map((n) => n.kind))).toEqual(new Set(['PARTNER', 'COMPANY']));
    expect(g.graph).toMatchObject({ kinds: ['PARTNER', 'COMPANY'], types: ['PARTNERS_WITH'] });
    expect(g.links.length).toBeGreaterThan(10);
    expect(new Set(g.links.map((l) => l.type))).toEqual(new Set(['PARTNERS_WITH']));
  });

  it('rejects an unknown kind, type or parameter with 400 and says what is allowed', async () => {
    const res = await get('/export/graph.json?kinds=PARTNER,PARTNERZ');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string; parameter: string; allowed: string[] } };
    expect(body.error).toMatchObject({ code: 'BAD_USER_INPUT', parameter: 'kinds' });
    expect(body.error.message).toContain('"PARTNERZ"');
    expect(body.error.allowed).toContain('PROGRAM');
    expect((await get('/export/relations.csv?types=FRIENDS_WITH')).status).toBe(400);
    const extra = (await (await get('/export/metrics.csv?kinds=METRIC')).json()) as { error: { message: string } };
    expect(extra.error.message).toContain('accepts: categories');
    expect((await get('/export/nothing.csv')).status).toBe(404);
  });

  it('answers If-None-Match with 304 while the graph version is unchanged', async () => {
    const res = await get('/export/graph.json?kinds=AWARD');
    const etag = res.headers.get('etag');
    await res.body?.cancel();
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    expect((await get('/export/graph.json?kinds=AWARD', { 'if-none-match': String(etag) })).status).toBe(304);
    const other = await get('/export/graph.json?kinds=EVENT', { 'if-none-match': String(etag) });
    expect(other.status).toBe(200);
    await other.body?.cancel();
  });
});

describe('GET /export/graph.graphml', () => {
  it('is GraphML with typed keys, one <node> per entity and one <edge> per relationship', async () => {
    const res = await get('/export/graph.graphml?kinds=PARTNER,COMPANY&types=PARTNERS_WITH');
    expect(res.headers.get('content-type')).toBe('application/graphml+xml; charset=utf-8');
    const xml = await res.text();
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(xml).toContain('<key id="n_year" for="node" attr.name="year" attr.type="int"/>');
    expect(xml).toContain('<key id="e_share" for="edge" attr.name="share" attr.type="double"/>');
    expect(xml).toContain('<graph id="unicom-kg" edgedefault="directed">');
    const g = (await (await get('/export/graph.json?kinds=PARTNER,COMPANY&types=PARTNERS_WITH')).json()) as NodeLink;
    expect(xml.match(/<node /g)?.length).toBe(g.nodes.length);
    expect(xml.match(/<edge /g)?.length).toBe(g.links.length);
    expect(xml).toMatch(/<node id="partner\/meituan">\s*<data key="n_label">美團<\/data>/);
    expect(xml.trimEnd().endsWith('</graphml>')).toBe(true);
  });
});

describe('GET /export/*.csv', () => {
  it('entities.csv: BOM, header row, one row per entity, Chinese intact', async () => {
    const { res, header, records } = await csv('/export/entities.csv?kinds=PARTNER');
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="unicom-kg-entities.csv"');
    expect(header.slice(0, 4)).toEqual(['id', 'kind', 'nameZh', 'nameEn']);
    expect(records.length).toBeGreaterThan(50);
    expect(records.every((r) => r.kind === 'PARTNER')).toBe(true);
    expect(records.find((r) => r.id === 'partner/meituan')).toMatchObject({ nameZh: '美團', nameEn: 'Meituan', sector: 'internet' });
  });

  it('relations.csv: every relationship with its ends, type and evidence line', async () => {
    const all = await csv('/export/relations.csv');
    expect(all.header.slice(0, 4)).toEqual(['id', 'source', 'target', 'type']);
    expect(all.records.length).toBeGreaterThan(2 * EXPORT_PAGE_SIZE);
    const some = await csv('/export/relations.csv?types=RUNS,OWNS');
    expect(new Set(some.records.map((r) => r.type))).toEqual(new Set(['RUNS', 'OWNS']));
    expect(some.records.every((r) => /^\d+(\|\d+)*$/.test(r.evidenceLines ?? ''))).toBe(true);
    // Spans and sentences: one entry per evidence item, in the same order as evidenceLines.
    for (const r of all.records) {
      const lines = (r.evidenceLines ?? '').split('|');
      const ends = (r.evidenceLineEnds ?? '').split('|');
      const sentences = (r.evidenceSentences ?? '').split('|');
      expect(ends.length, r.id).toBe(lines.length);
      expect(sentences.length, r.id).toBe(lines.length);
      expect(
        lines.every((l, i) => Number(ends[i]) >= Number(l)),
        r.id,
      ).toBe(true);
      for (const s of sentences) expect(s, r.id).toMatch(/^sentence\/\d+\.\d+$/);
    }
    const gehua = all.records.find((r) => r.id === 'CO_FOUNDED:partner/gehua-catv->subsidiary/beijing-international-cloud-broadcasting');
    expect(Number(gehua?.evidenceLineEnds?.split('|')[0])).toBeGreaterThan(Number(gehua?.evidenceLines?.split('|')[0]));
  });

  it('metrics.csv: long format (metric, category, year, value, printed, unit), exact values from the KPI table', async () => {
    const { header, records } = await csv('/export/metrics.csv');
    expect(header.slice(0, 8)).toEqual(['metric', 'nameZh', 'nameEn', 'category', 'year', 'value', 'printed', 'unit']);
    const fourG = records.filter((r) => r.nameZh === '4G基站到達數量');
    expect(fourG.map((r) => [r.year, r.value, r.printed, r.unit])).toEqual([
      ['2018', '98.7', '98.7', '萬個'],
      ['2019', '141', '141', '萬個'],
      ['2020', '150.3', '150.3', '萬個'],
    ]);
    const filtered = await csv(`/export/metrics.csv?categories=${encodeURIComponent(String(fourG[0]?.category))}`);
    expect(filtered.records.length).toBeLessThan(records.length);
    expect(filtered.records.every((r) => r.category === fourG[0]?.category)).toBe(true);
  });

  it('GET /export lists the files and their parameters', async () => {
    const body = (await (await get('/export')).json()) as { files: { url: string; params: Record<string, string> }[] };
    expect(body.files.map((f) => f.url.split('/').pop())).toEqual([
      'graph.json',
      'graph.graphml',
      'entities.csv',
      'relations.csv',
      'metrics.csv',
    ]);
  });
});

describe('derivation in every export (STATED | RULE | INFERRED, and the rule of a RULE fact)', () => {
  // What the seeder wrote, relation by relation: the exports must say the same.
  const seeded = new Map(prepareGraph().relations.map((r) => [r.id, `${r.props.derivation}:${r.props.rule ?? ''}`]));

  it('graph.json and relations.csv: every link has its derivation, and no RULE edge exports as STATED', async () => {
    const g = (await (await get('/export/graph.json')).json()) as NodeLink;
    const { records } = await csv('/export/relations.csv');
    expect(records.length).toBe(g.links.length);
    expect(g.links.length).toBe(seeded.size);
    for (const l of g.links) expect(`${l.derivation}:${l.rule ?? ''}`, l.key).toBe(seeded.get(l.key));
    for (const r of records) expect(`${r.derivation}:${r.rule}`, r.id).toBe(seeded.get(r.id ?? ''));
    const about = records.filter((r) => r.type === 'ABOUT');
    // Every theme tag was read by a person (seed/rules/themes.yaml checked/stated, docs/audits/themes.md): all STATED.
    expect(about.length).toBeGreaterThan(350);
    expect(about.every((r) => r.derivation === 'STATED' && r.rule === '')).toBe(true);
    // A REPORTS edge the seeder writes to every metric is RULE reports-metric, never STATED.
    const reports = records.filter((r) => r.type === 'REPORTS');
    expect(reports.length).toBe([...seeded.keys()].filter((k) => k.startsWith('REPORTS:')).length);
    expect(reports.length).toBeGreaterThan(400);
    expect(reports.every((r) => r.derivation === 'RULE' && r.rule === 'reports-metric')).toBe(true);
    for (const r of records) expect(r.inferred, r.id).toBe(String(r.derivation === 'INFERRED'));
    expect(records.find((r) => r.id === 'PARTNERS_WITH:company/china-unicom-hk->partner/meituan')).toMatchObject({
      derivation: 'STATED',
      rule: '',
    });
    // Nodes: a KPI metric is RULE kpi-table, a curated partner STATED.
    expect(g.nodes.find((n) => n.id === 'metric/4g-base-stations-in-service')).toMatchObject({ derivation: 'RULE', rule: 'kpi-table' });
    expect(g.nodes.find((n) => n.id === 'partner/meituan')).toMatchObject({ derivation: 'STATED' });
    const entities = await csv('/export/entities.csv?kinds=THEME');
    expect(new Set(entities.records.map((r) => `${r.derivation}:${r.rule}`))).toEqual(new Set(['RULE:theme-table']));
  });

  it('graph.graphml: derivation and rule are keys of nodes and edges, with their values', async () => {
    const xml = await (await get('/export/graph.graphml?kinds=SUBSIDIARY,THEME,COMPANY,METRIC&types=ABOUT,SUBSIDIARY_OF,REPORTS')).text();
    expect(xml).toContain('<key id="e_derivation" for="edge" attr.name="derivation" attr.type="string"/>');
    expect(xml).toContain('<key id="e_rule" for="edge" attr.name="rule" attr.type="string"/>');
    expect(xml).toContain('<key id="n_derivation" for="node" attr.name="derivation" attr.type="string"/>');
    const edge = (id: string) =>
      xml
        .split('<edge ')
        .find((c) => c.includes(`id="${id}"`) || c.includes(`id="${id.replace('>', '&gt;')}"`))
        ?.split('</edge>')[0];
    const reports = edge('REPORTS:company/china-unicom-hk->metric/4g-base-stations-in-service');
    expect(reports).toContain('<data key="e_derivation">RULE</data>');
    expect(reports).toContain('<data key="e_rule">reports-metric</data>');
    expect(edge('ABOUT:subsidiary/unicom-big-data->theme/big-data')).toContain('<data key="e_derivation">STATED</data>');
    expect(edge('SUBSIDIARY_OF:subsidiary/unicom-big-data->company/china-unicom-operating')).toContain(
      '<data key="e_derivation">INFERRED</data>',
    );
  });

  it('metrics.csv: a KPI-table value is RULE kpi-table, a value curated from the text STATED', async () => {
    const { records } = await csv('/export/metrics.csv');
    expect(records.find((r) => r.metric === 'metric/4g-base-stations-in-service' && r.year === '2019')).toMatchObject({
      value: '141',
      derivation: 'RULE',
      rule: 'kpi-table',
    });
    expect(new Set(records.filter((r) => r.source === 'text').map((r) => `${r.derivation}:${r.rule}`))).toEqual(new Set(['STATED:']));
    expect(new Set(records.filter((r) => r.source === 'kpi-table').map((r) => `${r.derivation}:${r.rule}`))).toEqual(
      new Set(['RULE:kpi-table']),
    );
  });
});

describe('GET /explore', () => {
  it('serves the page, its script and cytoscape.js from node_modules', async () => {
    const page = await get('/explore');
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<script src="/explore/cytoscape.min.js"></script>');
    const cy = await get('/explore/cytoscape.min.js');
    expect(cy.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await cy.text()).length).toBeGreaterThan(100_000);
    expect((await get('/explore/explore.js')).status).toBe(200);
  });
});
