import { copyFileSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinLines } from '../seed/parse/sentences.js';
import { type Browser, inkOf, openBrowser, shot, watchedPage } from './browser.js';
import { testApp } from './helpers.js';

const HUB = 'company/china-unicom-hk';
const t = testApp();
let b: Browser;

beforeAll(async () => {
  b = await openBrowser(t.app);
}, 300_000);

afterAll(async () => {
  await b?.close();
  await t.close();
});

/** Saves a screenshot to test-artifacts/, and to docs/ as well when UPDATE_DOCS_SCREENSHOT=1. */
async function capture(page: Page, name: string, docs = false) {
  const path = await shot(page, name);
  if (docs && process.env.UPDATE_DOCS_SCREENSHOT === '1') copyFileSync(path, `docs/${name}.png`);
}

type Cy = { cy: any; state: any };
const visibleIds = (page: Page): Promise<string[]> =>
  page.evaluate((): string[] =>
    (window as unknown as { explore: Cy }).explore.cy
      .nodes()
      .filter((n: any) => n.visible())
      .map((n: any) => n.id() as string)
      .sort(),
  );

/** Clicks, with the mouse, the centre of a node or the midpoint of an edge on the canvas. */
async function clickOnCanvas(page: Page, id: string) {
  const p = await page.evaluate((id) => {
    const el = (window as unknown as { explore: Cy }).explore.cy.getElementById(id);
    const pos = el.isNode() ? el.renderedPosition() : el.renderedMidpoint();
    return { x: pos.x as number, y: pos.y as number };
  }, id);
  const box = await page.locator('#cy').boundingBox();
  if (!box) throw new Error('no #cy box');
  await page.mouse.click(box.x + p.x, box.y + p.y);
}

async function open(page: Page, hash = '') {
  await page.goto(`${b.base}/explore${hash}`);
}

async function pickFromSearch(page: Page, text: string, id: string) {
  await page.fill('#search', text);
  const hit = page.locator(`#results button[data-id="${id}"]`);
  await hit.waitFor({ timeout: 10_000 });
  await hit.click();
  await page.waitForFunction((id) => document.querySelector('#panel')?.getAttribute('data-entity') === id, id);
  await page.waitForFunction(() => Number(document.body.dataset.expanded) >= 1);
}

describe('/explore in headless Chromium, offline but for this server', () => {
  it('searches 美團, opens its relations, expands a node and shows its evidence; the list stays closed', async () => {
    const { page, problems } = await watchedPage(b);
    await open(page);
    await pickFromSearch(page, '美團', 'partner/meituan');
    await expect(page.locator('#entity-name').textContent()).resolves.toBe('美團');
    await expect(page.locator('#evidence li').first().textContent()).resolves.toMatch(/^lines? \d+/);
    // The search list must not come back over the graph after a pick (a late answer used to reopen it).
    await page.waitForTimeout(800);
    expect(await page.locator('#results li').count()).toBe(0);
    const nodes = () => page.evaluate(() => (window as unknown as { explore: Cy }).explore.cy.nodes().length as number);
    const before = await nodes();
    expect(before).toBeGreaterThan(1);

    // Click, with the mouse, the best-connected neighbour on the canvas: it expands and fills the panel.
    const target = await page.evaluate(() => {
      const { cy } = (window as unknown as { explore: Cy }).explore;
      return cy
        .nodes()
        .filter((x: any) => x.id() !== 'partner/meituan')
        .sort((a: any, b: any) => b.data('degree') - a.data('degree'))[0]
        .id() as string;
    });
    await clickOnCanvas(page, target);
    await page.waitForFunction((id) => document.querySelector('#panel')?.getAttribute('data-entity') === id, target);
    await page.waitForFunction(() => document.body.dataset.expanded === '2');
    expect(await nodes()).toBeGreaterThan(before);
    const evidence = await page.locator('#evidence li').allTextContents();
    expect(evidence.length).toBeGreaterThan(0);
    expect(evidence[0]).toMatch(/^lines? \d+/);
    expect(await page.locator('#status').textContent()).toMatch(/\d+ nodes · \d+ edges/);

    // Chinese labels draw as glyphs (fonts-noto-cjk), not as the same box as a character no font has.
    const ink = await inkOf(page, '美團', '32px "Noto Sans CJK TC", system-ui, sans-serif');
    expect(ink.ink).toBeGreaterThan(100);
    expect(ink.differ).toBeGreaterThan(100);
    await capture(page, 'explore', true);
    expect(b.offsite).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('labels do not overlap after the fcose layout (the hub and 50 neighbours)', async () => {
    const { page, problems } = await watchedPage(b);
    await open(page);
    await pickFromSearch(page, '中國聯通', HUB);
    const overlaps = await page.evaluate(() => {
      const { cy } = (window as unknown as { explore: Cy }).explore;
      const boxes = cy.nodes().map((n: any) => n.boundingBox({ includeLabels: true, includeOverlays: false }));
      let count = 0;
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i];
          const c = boxes[j];
          if (a.x1 < c.x2 && c.x1 < a.x2 && a.y1 < c.y2 && c.y1 < a.y2) count++;
        }
      return { count, nodes: boxes.length };
    });
    expect(overlaps.nodes).toBe(51);
    expect(overlaps.count).toBe(0);
    expect(problems).toEqual([]);
  });

  it('pages through the hub 中國聯通 (1113 relations) with "show more"', async () => {
    const { page, problems } = await watchedPage(b);
    await open(page);
    await pickFromSearch(page, '中國聯通', HUB);
    await expect.poll(() => page.locator('#panel .more').textContent()).toBe('50 of 1113 relations drawn');
    expect(await page.locator('#status').textContent()).toMatch(/^51 nodes · 50 edges/);
    await page.locator('#panel [data-action="more"]').click();
    await expect.poll(() => page.locator('#panel .more').textContent(), { timeout: 30_000 }).toBe('100 of 1113 relations drawn');
    expect((await visibleIds(page)).length).toBe(101);
    expect(page.url()).toContain(`x=100%3A${encodeURIComponent(HUB)}`);
    await capture(page, 'explore-hub', true);
    expect(problems).toEqual([]);
  });

  it('filters by kind and by relation type, hides, pins and collapses', async () => {
    const { page, problems } = await watchedPage(b);
    await open(page);
    await pickFromSearch(page, '中國聯通', HUB);
    await page.locator('#btn-filters').click();
    const kinds = () =>
      page.evaluate(() => [
        ...new Set(
          (window as unknown as { explore: Cy }).explore.cy
            .nodes()
            .filter((n: any) => n.visible())
            .map((n: any) => n.data('kind')),
        ),
      ]);
    expect(await kinds()).toContain('PRODUCT');
    const all = (await visibleIds(page)).length;
    await page.locator('#filter-kinds input[data-filter="PRODUCT"]').uncheck();
    expect(await kinds()).not.toContain('PRODUCT');
    expect((await visibleIds(page)).length).toBeLessThan(all);
    expect(page.url()).toContain('nokind=PRODUCT');

    const edgeTypes = () =>
      page.evaluate(() => [
        ...new Set(
          (window as unknown as { explore: Cy }).explore.cy
            .edges()
            .filter((e: any) => e.visible())
            .map((e: any) => e.data('type')),
        ),
      ]);
    const type = (await edgeTypes())[0] as string;
    await page.locator(`#filter-types input[data-filter="${type}"]`).uncheck();
    expect(await edgeTypes()).not.toContain(type);
    expect(page.url()).toContain(`notype=${type}`);
    await capture(page, 'explore-filters');

    // Hide: a leaf disappears, the URL remembers it, "show hidden" brings it back.
    const leaf = (await visibleIds(page)).find((id) => id !== HUB) as string;
    await clickOnCanvas(page, leaf);
    await page.waitForFunction((id) => document.querySelector('#panel')?.getAttribute('data-entity') === id, leaf);
    await page.locator('#panel [data-action="hide"]').click();
    expect(await visibleIds(page)).not.toContain(leaf);
    expect(page.url()).toContain(`hide=${encodeURIComponent(leaf)}`);
    await page.locator('#btn-unhide').click();
    expect(await visibleIds(page)).toContain(leaf);

    // Pin: the node keeps its place through a re-layout.
    await clickOnCanvas(page, HUB);
    await page.waitForFunction((id) => document.querySelector('#panel')?.getAttribute('data-entity') === id, HUB);
    await page.locator('#panel [data-action="pin"]').click();
    const where = () => page.evaluate((id) => (window as unknown as { explore: Cy }).explore.cy.getElementById(id).position(), HUB);
    const before = await where();
    await page.locator('#btn-layout').click();
    await page.waitForTimeout(500);
    expect(await where()).toEqual(before);
    expect(page.url()).toMatch(/pin=-?\d+%2C-?\d+%3Acompany%2Fchina-unicom-hk/);

    // Collapse: what only the hub brought in goes; the hub stays, and so does the leaf clicked above (a click
    // expands it) with what it brought in (the award's theme, since themes landed).
    const leafSide = await page.evaluate(
      (id) => [
        id,
        ...(window as unknown as { explore: Cy }).explore.cy
          .getElementById(id)
          .neighborhood('node')
          .map((n: any) => n.id() as string),
      ],
      leaf,
    );
    await page.locator('#panel [data-action="collapse"]').click();
    const left = await visibleIds(page);
    expect(left).toContain(HUB);
    expect(left.filter((id) => id !== HUB && !leafSide.includes(id))).toEqual([]);
    expect(left.length).toBeLessThan(all / 2);
    expect(await page.locator('#panel [data-action="expand"]').count()).toBe(1);
    expect(problems).toEqual([]);
  });

  it('opens a theme from the Themes menu: the report’s subjects as a way in (Query.entities kinds: [THEME])', async () => {
    const { page, problems } = await watchedPage(b);
    await open(page);
    await page.waitForFunction(() => Number(document.body.dataset.themes) > 0);
    // Every THEME of the graph is offered, best-connected first, 5G among them.
    expect(await page.locator('#themes option[value^="theme/"]').count()).toBe(33);
    expect(await page.locator('#themes option[value="theme/5g"]').textContent()).toMatch(/^5G \(\d+\)$/);
    await page.selectOption('#themes', 'theme/5g');
    await page.waitForFunction(() => document.querySelector('#panel')?.getAttribute('data-entity') === 'theme/5g');
    await page.waitForFunction(() => Number(document.body.dataset.expanded) >= 1);
    const ids = await visibleIds(page);
    expect(ids).toContain('theme/5g');
    expect(ids.length).toBeGreaterThan(10);
    expect(ids.filter((id) => id.startsWith('partner/') || id.startsWith('program/')).length).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it('finds a path between two picked entities, around hubs when asked (Query.paths avoidHubs)', async () => {
    const { page, problems } = await watchedPage(b);
    await open(page);
    await pickFromSearch(page, '中國電信', 'partner/china-telecom');
    await page.locator('#panel [data-action="path-from"]').click();
    await page.fill('#search', '智慧冬奧');
    const add = page.locator('#results button[data-add="program/smart-winter-olympics"]');
    await add.waitFor({ timeout: 10_000 });
    await add.click();
    await page.waitForFunction(() => document.querySelector('#panel')?.getAttribute('data-entity') === 'program/smart-winter-olympics');
    await page.locator('#panel [data-action="path-to"]').click();
    await expect(page.locator('#path-from').textContent()).resolves.toBe('中國電信');
    await expect(page.locator('#path-to').textContent()).resolves.toBe('智慧冬奧');

    const pathNodes = () =>
      page.evaluate(() => (window as unknown as { explore: Cy }).explore.cy.nodes('.path').map((n: any) => n.id() as string));
    await page.locator('#btn-path').click();
    await page.waitForFunction(() => Number(document.body.dataset.path) > 0);
    expect(await page.locator('body').getAttribute('data-path')).toBe('2');
    expect(await pathNodes()).toContain(HUB);

    await page.locator('#path-avoid').check();
    await page.locator('#btn-path').click();
    await page.waitForFunction(() => Number(document.body.dataset.path) > 2, null, { timeout: 30_000 });
    // Around the hub: 中國電信 → the 5G co-build meeting → 北京 → the 2022 Winter Olympics → 智慧冬奧.
    expect(await page.locator('body').getAttribute('data-path')).toBe('4');
    const around = await pathNodes();
    expect(around).not.toContain(HUB);
    expect(around).toEqual(expect.arrayContaining(['partner/china-telecom', 'region/beijing', 'program/smart-winter-olympics']));
    expect(page.url()).toContain('avoid=1');
    expect(await page.locator('#status').textContent()).toMatch(/path\(s\) of 4 step\(s\): 中國電信 → .* → 北京 → .* → 智慧冬奧/);
    await capture(page, 'explore-path', true);

    // A path's edges come with their evidence (Path.edges.evidence, in the same request): a click shows the
    // whole sentence with the quoted words marked.
    const pathEdge = await page.evaluate(() => {
      const edges = (window as unknown as { explore: Cy }).explore.cy.edges('.path');
      for (const e of edges) if (!e.data('evidence')) throw new Error(`path edge ${e.id()} came without evidence`);
      return edges[0].id() as string;
    });
    await clickOnCanvas(page, pathEdge);
    await page.waitForFunction((id: string) => document.querySelector('#panel')?.getAttribute('data-edge') === id, pathEdge);
    await page.waitForFunction(() => document.querySelectorAll('#evidence li').length > 0);
    const first = page.locator('#evidence li').first();
    expect(await first.textContent()).toMatch(/^lines? \d+/);
    const marked = (await first.locator('q.sentence mark').textContent()) ?? '';
    expect(marked.length).toBeGreaterThanOrEqual(4);
    expect(await first.locator('q.sentence').textContent()).toContain(marked);
    expect(problems).toEqual([]);
  });

  it('shows the evidence quote and line of an edge on click', async () => {
    const { page, problems } = await watchedPage(b);
    await open(page);
    await pickFromSearch(page, '美團', 'partner/meituan');
    // The one edge to the signing event: a straight line of its own (the two PARTNERS_WITH edges to the group are
    // drawn as a curved pair, and the three ABOUT edges fan out to the themes).
    const edge = 'PARTICIPATES_IN:partner/meituan->event/meituan-strategic-agreement-signing-2020';
    await page.waitForFunction((id) => (window as unknown as { explore: Cy }).explore.cy.getElementById(id).length === 1, edge);
    await clickOnCanvas(page, edge);
    await page.waitForFunction((id) => document.querySelector('#panel')?.getAttribute('data-edge') === id, edge);
    expect(await page.locator('#entity-name').textContent()).toBe(edge.split(':')[0]);
    const ev = await page.locator('#evidence li').allTextContents();
    expect(ev.length).toBeGreaterThan(0);
    expect(ev[0]).toMatch(/^lines? \d+/);
    // The quote is the report's, marked inside its whole sentence: check it against the joined source lines.
    const li = page.locator('#evidence li').first();
    const line = Number((await li.getAttribute('data-line')) ?? 0);
    const quote = (await li.locator('q.sentence mark').textContent()) ?? '';
    expect(quote.length).toBeGreaterThanOrEqual(4);
    const source = readFileSync('seed/source/china-unicom-csr-2020.zh-Hant.txt', 'utf8').split('\n');
    expect(joinLines(source, line, line + 8)).toContain(quote);
    await capture(page, 'explore-edge');
    expect(problems).toEqual([]);
  });

  it('exports the view as PNG and SVG and the visible subgraph as JSON', async () => {
    const { page, problems } = await watchedPage(b);
    await open(page);
    await pickFromSearch(page, '美團', 'partner/meituan');
    const save = async (button: string) => {
      const [dl] = await Promise.all([page.waitForEvent('download'), page.locator(button).click()]);
      const path = await dl.path();
      return { name: dl.suggestedFilename(), bytes: readFileSync(path) };
    };
    const png = await save('#btn-png');
    expect(png.name).toBe('unicom-kg-partner_meituan.png');
    expect(png.bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(png.bytes.length).toBeGreaterThan(10_000);
    const svg = await save('#btn-svg');
    expect(svg.name).toMatch(/\.svg$/);
    const svgText = svg.bytes.toString('utf8');
    expect(svgText).toMatch(/<svg[\s>]/);
    expect(svgText).toContain('美團');
    const json = await save('#btn-json');
    const sub = JSON.parse(json.bytes.toString('utf8'));
    const ids = await visibleIds(page);
    expect(sub.nodes.map((n: any) => n.id).sort()).toEqual(ids);
    expect(sub.nodes.find((n: any) => n.id === 'partner/meituan').nameZh).toBe('美團');
    expect(sub.edges.length).toBeGreaterThan(0);
    expect(sub.edges[0].evidence[0].line).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it('a link reopens the same view: expanded, hidden, filtered, pinned and selected', async () => {
    const { page, problems } = await watchedPage(b);
    await open(page);
    await pickFromSearch(page, '美團', 'partner/meituan');
    const other = (await visibleIds(page)).find((id) => id !== 'partner/meituan' && id !== HUB) as string;
    await clickOnCanvas(page, other);
    await page.waitForFunction(() => document.body.dataset.expanded === '2');
    await page.waitForFunction((id) => document.querySelector('#panel')?.getAttribute('data-entity') === id, other);
    await page.locator('#btn-filters').click();
    const kind = await page.evaluate(
      (id) => (window as unknown as { explore: Cy }).explore.cy.getElementById(id).data('kind') as string,
      other,
    );
    const offKind = (await page.locator('#filter-kinds input').evaluateAll((xs) => xs.map((x) => x.getAttribute('data-filter')))).find(
      (k) => k !== kind && k !== 'PARTNER',
    );
    if (offKind) await page.locator(`#filter-kinds input[data-filter="${offKind}"]`).uncheck();
    await page.locator('#btn-link').click();
    const link = await page.locator('#link-out').inputValue();
    expect(link).toBe(page.url());
    const want = await visibleIds(page);

    const { page: again, problems: problems2 } = await watchedPage(b);
    await again.goto(link);
    await again.waitForFunction(() => document.body.dataset.restored === '1', null, { timeout: 30_000 });
    expect(await visibleIds(again)).toEqual(want);
    expect(await again.locator('#panel').getAttribute('data-entity')).toBe(other);
    if (offKind) expect(await again.locator(`#filter-kinds input[data-filter="${offKind}"]`).isChecked()).toBe(false);
    await capture(again, 'explore-restored');
    expect(problems).toEqual([]);
    expect(problems2).toEqual([]);
  });

  it('draws how each edge was derived (RelationEdge.derivation, rule): RULE dashed, INFERRED dotted, in the legend and the panel', async () => {
    // The SSE disclosure rating (an INFERRED RECEIVED, STATED ISSUED_BY and ABOUT) and the KPI metric of 4G base stations
    // (the RULE REPORTS edge every metric gets): few nodes to lay out. ONE page load: the link opens both and
    // selects the RULE edge (as "a link reopens the same view" does), so no tap is needed; the drawing is read
    // from the page's own cytoscape instance. (The test this replaces opened a 40-odd-relation subsidiary and
    // tapped two edges: over 60 s, and the second tap crashed headless chromium on a loaded machine.)
    const started = Date.now();
    const { page, problems } = await watchedPage(b);
    const id = 'award/sse-information-disclosure-a-rating-2019-2020';
    const metric = 'metric/4g-base-stations-in-service';
    const rule = `REPORTS:company/china-unicom-hk->${metric}`;
    const inferred = `RECEIVED:company/china-unicom-a-share->${id}`;
    const stated = `ISSUED_BY:${id}->organization/sse`;
    await open(
      page,
      `#${new URLSearchParams([
        ['x', `50:${id}`],
        ['x', `50:${metric}`],
        ['sel', rule],
      ]).toString()}`,
    );
    await page.waitForFunction(() => document.body.dataset.restored === '1', null, { timeout: 30_000 });
    const drawn = await page.evaluate(
      (ids) => {
        const { cy } = (window as unknown as { explore: Cy }).explore;
        return {
          edges: cy.edges().length as number,
          styles: ids.map((i) => {
            const e = cy.getElementById(i);
            return [e.data('derivation'), e.data('rule') ?? null, e.style('line-style')];
          }),
        };
      },
      [rule, inferred, stated],
    );
    expect(drawn.edges).toBeGreaterThanOrEqual(4);
    expect(drawn).toEqual({
      edges: drawn.edges,
      styles: [
        ['RULE', 'reports-metric', 'dashed'],
        ['INFERRED', null, 'dotted'],
        ['STATED', null, 'solid'],
      ],
    });
    // The legend's sample lines are drawn the way the graph draws each derivation.
    const legend = await page
      .locator('#legend-derivation .derivation-key')
      .evaluateAll((keys) =>
        keys.map((k) => [k.getAttribute('data-derivation'), k.textContent, (k.querySelector('i') as HTMLElement).style.borderTopStyle]),
      );
    expect(legend).toEqual([
      ['STATED', 'stated', 'solid'],
      ['RULE', 'by a tool rule', 'dashed'],
      ['INFERRED', 'inferred', 'dotted'],
    ]);
    // The selected RULE edge's panel names its derivation and rule, above its evidence (the KPI row at L4140).
    expect(await page.locator('#panel').getAttribute('data-edge')).toBe(rule);
    expect(await page.locator('#panel').textContent()).toContain('How this fact was derived');
    await expect(page.locator('#panel .derivation.derivation-rule').textContent()).resolves.toBe(
      'RULE (rule reports-metric): Made by a tool rule, not checked one by one: read the sentence before relying on it.',
    );
    expect(await page.locator('#evidence li').first().getAttribute('data-line')).toBe('4140');
    // No loose text in the panel: an edge without a label used to show a bare "null" under its ends.
    expect(
      await page
        .locator('#panel')
        .evaluate((p) => [...p.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent)),
    ).toEqual([]);
    await capture(page, 'explore-derivation');
    expect(problems).toEqual([]);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('draws a metric with its yearly values (old-style link #<id>)', async () => {
    const { page, problems } = await watchedPage(b);
    await open(page, `#${encodeURIComponent('metric/4g-base-stations-in-service')}`);
    await page.waitForFunction(
      () => document.querySelector('#panel')?.getAttribute('data-entity') === 'metric/4g-base-stations-in-service',
    );
    expect(await page.locator('#panel svg.chart rect.bar').count()).toBe(3);
    expect(await page.locator('#panel svg.chart').textContent()).toContain('150.3');
    expect(problems).toEqual([]);
  });
});
