import { copyFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES } from '../src/examples.js';
import { GRAPHIQL_ASSETS } from '../src/http/graphiql.js';
import { createApp } from '../src/yoga.js';
import { type Browser, inkOf, openBrowser, shot, watchedPage } from './browser.js';
import { testApp } from './helpers.js';

const t = testApp();
let browser: Browser;
let noIntrospection: Browser;

beforeAll(async () => {
  browser = await openBrowser(t.app);
  noIntrospection = await openBrowser(createApp(t.state, { security: { introspection: false } }));
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await noIntrospection?.close();
  await t.close();
});

type Name = keyof typeof EXAMPLES;
/** What each example tab must answer, checked on the JSON the page received. */
const EXPECT: Record<Name, (data: any) => void> = {
  partnersOn5G: (d) => {
    expect(d.theme.nameZh).toBe('5G');
    expect(d.theme.partners.map((p: any) => p.id)).toContain('partner/china-telecom');
    expect(d.theme.programs.map((p: any) => p.id)).toContain('program/5g-co-build-co-share');
  },
  chinaTelecomPartnerships: (d) => {
    expect(d.entity.id).toBe('partner/china-telecom');
    expect(d.entity.nameZh).toBe('中國電信');
    expect(d.entity.partnerships.length).toBeGreaterThan(0);
    expect(d.entity.partnerships[0].evidence[0].line).toBeGreaterThan(0);
  },
  meituanNeighborhood: (d) => {
    expect(d.neighborhood.nodes[0]).toEqual({ id: 'partner/meituan', kind: 'PARTNER', nameZh: '美團' });
    expect(d.neighborhood.edges.length).toBeGreaterThan(0);
  },
  fourGBaseStations: (d) => {
    expect(d.metric.values.map((v: any) => [v.year, v.printed])).toEqual([
      [2018, '98.7'],
      [2019, '141'],
      [2020, '150.3'],
    ]);
  },
  meituanToWinterOlympics: (d) => {
    expect(d.paths.length).toBeGreaterThan(0);
    expect(d.paths[0].nodes[0].nameZh).toBe('美團');
    expect(d.paths[0].nodes.at(-1).nameZh).toBe('智慧冬奧');
  },
  awardsByIssuer: (d) => {
    expect(d.entities.totalCount).toBe(62);
  },
  search: (d) => {
    expect(d.search[0].entity).toMatchObject({ id: 'partner/china-telecom', nameZh: '中國電信' });
  },
  partnersByPrograms: (d) => {
    expect(d.entities.edges[0].node.nameZh).toBe('中國電信');
    expect(d.entities.edges[0].node.programs.map((p: any) => p.nameZh)).toContain('5G共建共享');
  },
  reportSentences: (d) => {
    expect(d.sentences.totalCount).toBeGreaterThanOrEqual(20);
    for (const e of d.sentences.edges) expect(e.node.text).toContain('物聯網');
    expect(d.meituan.sentences.totalCount).toBeGreaterThanOrEqual(3);
    expect(d.meituan.evidence[0].sentence.text.replace(/\s+/g, '')).toContain(d.meituan.evidence[0].quote.replace(/\s+/g, ''));
  },
  povertyProgramsPerProvince: (d) => {
    // 26 programmes about poverty alleviation; 11 of them lie in a province (LOCATED_IN or a branch).
    expect(d.entityAggregate.count).toBe(26);
    expect(d.entityAggregate.groups.map((g: any) => [g.entity.id, g.count])).toEqual([
      ['region/xizang', 4],
      ['region/hebei', 2],
      ['region/gansu', 1],
      ['region/guizhou', 1],
      ['region/henan', 1],
      ['region/qinghai', 1],
      ['region/shanxi', 1],
    ]);
  },
  partnersOf5GPrograms: (d) => {
    expect(d.sectors).toEqual({
      count: 3,
      groups: [
        { key: 'operator', count: 2 },
        { key: 'alliance', count: 1 },
      ],
    });
    expect(d.partners.edges.map((e: any) => e.node.nameZh)).toEqual(['5G XR終端生態聯盟', '中國電信', '寧波電信']);
  },
  countsPerGroup: (d) => {
    expect(d.sectors.count).toBe(63);
    expect(d.sectors.groups[0]).toEqual({ key: 'internet', count: 15 });
    expect(d.issuers.groups[0].entity.nameZh).toBe('《金融亞洲》');
  },
};

/** The operation name of an example: what its tab is called. */
const opName = (q: string) => /query (\w+)/.exec(q)?.[1] ?? '';
/** Monaco draws spaces as non-breaking spaces, one line per row: compare without whitespace. */
const squash = (s: string) => s.replace(/[\s\u00a0]+/g, '');

async function editorText(page: Page) {
  return page
    .locator('.graphiql-query-editor .view-lines')
    .textContent()
    .then((t) => t ?? '');
}

/**
 * Clicks Run in the current tab and returns the JSON the server answered. GraphiQL drops a Run that comes
 * within ~150 ms of a tab switch (a race inside GraphiQL; a person never clicks that fast), so let the tab
 * settle first, and on a loaded machine click again if no request left: at most three clicks, and it must
 * be this tab's operation that runs.
 */
async function run(page: Page, operationName: string) {
  await page.waitForTimeout(600);
  for (let attempt = 1; ; attempt++) {
    const answer = page.waitForResponse(
      (r) => r.url().endsWith('/graphql') && r.request().method() === 'POST' && r.request().postDataJSON()?.operationName === operationName,
      { timeout: 15_000 },
    );
    await page.getByRole('button', { name: /^Execute query/ }).click();
    try {
      const res = await answer;
      expect(res.status()).toBe(200);
      return (await res.json()) as { data?: any; errors?: unknown[] };
    } catch (e) {
      if (attempt === 3) throw new Error(`${operationName}: no answer after ${attempt} clicks on Run: ${(e as Error).message}`);
    }
  }
}

describe('GraphiQL at /graphql, served entirely by this server', () => {
  it('serves its assets from node_modules with long-lived caching, ETag and gzip', async () => {
    const html = await (await t.app.fetch('http://yoga/graphql', { headers: { accept: 'text/html' } })).text();
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
    expect(html).not.toMatch(/<script>(?!<)/); // no inline script: a strict CSP can apply
    for (const name of ['graphiql.js', 'graphiql.css', 'boot.js', 'unicom-kg.css']) expect(html).toContain(`${GRAPHIQL_ASSETS}${name}`);
    const url = `http://yoga${GRAPHIQL_ASSETS}graphiql.js`;
    const res = await t.app.fetch(url, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const etag = res.headers.get('etag');
    expect(etag).toMatch(/^".+-graphiql\.js"$/);
    await res.arrayBuffer();
    const again = await t.app.fetch(url, { headers: { 'if-none-match': etag ?? '' } });
    expect(again.status).toBe(304);
    const plain = await t.app.fetch(`http://yoga${GRAPHIQL_ASSETS}graphql.worker.js`);
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect((await plain.text()).length).toBeGreaterThan(100_000);
    expect((await t.app.fetch('http://yoga/graphiql/assets/0.0.0-old/graphiql.js')).status).toBe(404);
    expect((await t.app.fetch(url, { method: 'POST' })).status).toBe(405);
  });

  it('opens offline, every example tab shows its query and runs, Docs and Explorer work', { timeout: 240_000 }, async () => {
    const { page, problems } = await watchedPage(browser);
    const schemaLoaded = page.waitForResponse((r) => r.request().postDataJSON()?.operationName === 'IntrospectionQuery');
    await page.goto(`${browser.base}/graphql`);
    expect((await schemaLoaded).status()).toBe(200);
    const names = Object.keys(EXAMPLES) as Name[];
    const tabs = page.locator('.graphiql-tab');
    await expect.poll(() => tabs.count(), { timeout: 30_000 }).toBe(names.length);

    for (const [i, name] of names.entries()) {
      const query = EXAMPLES[name];
      // One ordinary click per tab: it must select the tab and show that tab's own query.
      await tabs.nth(i).locator('.graphiql-tab-button').click();
      await expect.poll(() => tabs.nth(i).getAttribute('aria-selected')).toBe('true');
      await expect.poll(() => editorText(page).then(squash), { timeout: 10_000 }).toBe(squash(query));
      const body = await run(page, opName(query));
      expect(body.errors).toBeUndefined();
      EXPECT[name](body.data);
      // The response pane shows it too (Monaco draws only the visible lines: check the start).
      await expect
        .poll(
          () =>
            page
              .locator('.graphiql-response .view-lines')
              .textContent()
              .then((t) => t ?? ''),
          { timeout: 10_000 },
        )
        .toMatch(/"data"/);
      if (name === 'chinaTelecomPartnerships') {
        await expect
          .poll(() =>
            page
              .locator('.graphiql-response .view-lines')
              .textContent()
              .then((t) => t ?? ''),
          )
          .toContain('中國電信');
        const path = await shot(page, 'graphiql');
        if (process.env.UPDATE_DOCS_SCREENSHOT === '1') copyFileSync(path, 'docs/graphiql.png');
      }
    }

    // The CJK font stack draws real glyphs, not tofu boxes.
    const ink = await inkOf(page, '中國電信', '32px "Roboto", system-ui, "Noto Sans CJK TC", sans-serif');
    expect(ink.ink).toBeGreaterThan(100);
    expect(ink.differ).toBeGreaterThan(100);

    // Docs: the schema's root type and a field's description.
    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    const docs = page.locator('.graphiql-doc-explorer');
    await docs.getByText('Query', { exact: true }).first().click();
    await expect.poll(() => docs.textContent().then((t) => t ?? ''), { timeout: 10_000 }).toContain('neighborhood');
    await shot(page, 'graphiql-docs');
    // Explorer: the query builder lists the root fields.
    await page.getByRole('button', { name: 'Show GraphiQL Explorer' }).click();
    await expect
      .poll(
        () =>
          page
            .locator('.graphiql-explorer-root, .docExplorerWrap')
            .first()
            .textContent()
            .then((t) => t ?? ''),
        { timeout: 10_000 },
      )
      .toContain('paths');
    await shot(page, 'graphiql-explorer');

    expect(browser.offsite).toEqual([]);
    expect(problems).toEqual([]);
  });

  it("runs under a Content-Security-Policy that allows no inline script and no other origin's script or worker", {
    timeout: 120_000,
  }, async () => {
    const { page, problems } = await watchedPage(browser);
    const csp =
      "default-src 'self'; script-src 'self'; worker-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:";
    await page.route('**/graphql', async (route) => {
      if (route.request().method() !== 'GET') return route.continue();
      const res = await route.fetch();
      return route.fulfill({ response: res, headers: { ...res.headers(), 'content-security-policy': csp } });
    });
    const violations: string[] = [];
    await page.exposeFunction('reportCsp', (v: string) => violations.push(v));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => (window as any).reportCsp(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const schemaLoaded = page.waitForResponse((r) => r.request().postDataJSON()?.operationName === 'IntrospectionQuery');
    await page.goto(`${browser.base}/graphql`);
    expect((await schemaLoaded).status()).toBe(200);
    const tabs = page.locator('.graphiql-tab');
    await expect.poll(() => tabs.count(), { timeout: 30_000 }).toBe(Object.keys(EXAMPLES).length);
    // GraphiQL keeps the active tab in localStorage: the previous test left the last one active.
    await tabs.nth(0).locator('.graphiql-tab-button').click();
    await expect.poll(() => editorText(page).then(squash), { timeout: 10_000 }).toBe(squash(EXAMPLES.chinaTelecomPartnerships));
    const body = await run(page, opName(EXAMPLES.chinaTelecomPartnerships));
    EXPECT.chinaTelecomPartnerships(body.data);
    expect(violations).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('with INTROSPECTION=false still opens and runs an example', { timeout: 120_000 }, async () => {
    const { page, problems } = await watchedPage(noIntrospection);
    await page.goto(`${noIntrospection.base}/graphql`);
    const tabs = page.locator('.graphiql-tab');
    await expect.poll(() => tabs.count(), { timeout: 30_000 }).toBe(Object.keys(EXAMPLES).length);
    const query = EXAMPLES.fourGBaseStations;
    await tabs.nth(2).locator('.graphiql-tab-button').click();
    await expect.poll(() => editorText(page).then(squash), { timeout: 10_000 }).toBe(squash(query));
    const body = await run(page, opName(query));
    EXPECT.fourGBaseStations(body.data);
    await shot(page, 'graphiql-no-introspection');
    expect(noIntrospection.offsite).toEqual([]);
    // The introspection request is refused (400, INTROSPECTION_DISABLED): that, and only that, may fail.
    const refused = (p: string) =>
      /^HTTP 400: .*\/graphql$/.test(p) || /^console\.error: Failed to load resource: .* 400 \(Bad Request\)$/.test(p);
    expect(problems.filter((p) => !refused(p))).toEqual([]);
    expect(problems.length).toBeGreaterThan(0);
  });
});
