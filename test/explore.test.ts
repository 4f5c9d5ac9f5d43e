import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from './helpers.js';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARTIFACT = 'test-artifacts/explore.png';

const t = testApp();
let server: Server;
let base: string;
let browser: BrowserContext;
const profile = mkdtempSync(join(tmpdir(), 'unicom-kg-chromium-'));

beforeAll(async () => {
  // Installs Debian's chromium when it is missing (CI starts from a fresh machine).
  execFileSync('bash', ['tools/ensure-chromium.sh'], { stdio: 'inherit', timeout: 280_000 });
  server = createServer(t.app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // A persistent context on a fresh, temporary profile: playwright's way of passing --user-data-dir.
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  await t.close();
  rmSync(profile, { recursive: true, force: true });
});

describe('/explore in headless Chromium', () => {
  it('searches 美團, opens its neighbourhood, expands a node and shows its evidence', async () => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 1400, height: 860 });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${base}/explore`);
    await page.fill('#search', '美團');
    const hit = page.locator('#results button[data-id="partner/meituan"]');
    await hit.waitFor({ timeout: 10_000 });
    await hit.click();

    await page.waitForFunction(() => document.querySelector('#panel')?.getAttribute('data-entity') === 'partner/meituan');
    await expect(page.locator('#entity-name').textContent()).resolves.toBe('美團');
    await expect(page.locator('#evidence li').first().textContent()).resolves.toMatch(/^line \d+/);
    const nodes = () =>
      page.evaluate(() => (window as unknown as { explore: { cy: { nodes(): { length: number } } } }).explore.cy.nodes().length);
    await page.waitForFunction(() => document.body.dataset.expanded === '1');
    const before = await nodes();
    expect(before).toBeGreaterThan(1);

    // Click, with the mouse, the best-connected neighbour on the canvas: it expands and fills the panel.
    const target = await page.evaluate(() => {
      const { cy } = (window as unknown as { explore: { cy: any } }).explore;
      const n = cy
        .nodes()
        .filter((x: any) => x.id() !== 'partner/meituan')
        .sort((a: any, b: any) => b.data('degree') - a.data('degree'))[0];
      const p = n.renderedPosition();
      return { id: n.id() as string, x: p.x as number, y: p.y as number };
    });
    const box = await page.locator('#cy').boundingBox();
    if (!box) throw new Error('no #cy box');
    await page.mouse.click(box.x + target.x, box.y + target.y);
    await page.waitForFunction((id) => document.querySelector('#panel')?.getAttribute('data-entity') === id, target.id);
    await page.waitForFunction(() => document.body.dataset.expanded === '2');
    expect(await nodes()).toBeGreaterThan(before);
    const evidence = await page.locator('#evidence li').allTextContents();
    expect(evidence.length).toBeGreaterThan(0);
    expect(evidence[0]).toMatch(/^line \d+/);
    expect(await page.locator('#status').textContent()).toMatch(/\d+ nodes · \d+ edges/);

    mkdirSync('test-artifacts', { recursive: true });
    await page.screenshot({ path: ARTIFACT });
    if (process.env.UPDATE_DOCS_SCREENSHOT === '1') {
      mkdirSync('docs', { recursive: true });
      copyFileSync(ARTIFACT, 'docs/explore.png');
    }
    expect(errors).toEqual([]);
  });

  it('draws a metric with its yearly values', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/explore#${encodeURIComponent('metric/4g-base-stations-in-service')}`);
    await page.waitForFunction(
      () => document.querySelector('#panel')?.getAttribute('data-entity') === 'metric/4g-base-stations-in-service',
    );
    expect(await page.locator('#panel svg.chart rect.bar').count()).toBe(3);
    expect(await page.locator('#panel svg.chart').textContent()).toContain('150.3');
  });
});
