/**
 * Shared set-up for the browser tests: Debian's chromium (installed with fonts-noto-cjk by
 * tools/ensure-chromium.sh when missing), driven headless by playwright-core, with every request to a host
 * other than 127.0.0.1 aborted, and a record of console errors, page errors and failed requests.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const ARTIFACTS = 'test-artifacts';

export interface Browser {
  base: string;
  context: BrowserContext;
  /** Requests that were aborted because they went elsewhere than 127.0.0.1. */
  offsite: string[];
  close(): Promise<void>;
}

/** Serves `listener` on 127.0.0.1 and opens a headless chromium that may reach nothing else. */
export async function openBrowser(listener: RequestListener): Promise<Browser> {
  execFileSync('bash', ['tools/ensure-chromium.sh'], { stdio: 'inherit', timeout: 280_000 });
  const server: Server = createServer(listener);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const profile = mkdtempSync(join(tmpdir(), 'unicom-kg-chromium-'));
  // A persistent context on a fresh, temporary profile: playwright's way of passing --user-data-dir.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
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
  const offsite: string[] = [];
  // Offline on purpose: anything not served by the app under test is a defect the page must not need.
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'data:' || url.protocol === 'blob:' || url.hostname === '127.0.0.1') return route.continue();
    offsite.push(route.request().url());
    return route.abort('blockedbyclient');
  });
  return {
    base,
    context,
    offsite,
    async close() {
      await context.close();
      await new Promise<void>((r) => server.close(() => r()));
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A new page that records console errors, uncaught errors, failed requests and HTTP errors into `problems`. */
export async function watchedPage(b: Browser, width = 1400, height = 860): Promise<{ page: Page; problems: string[] }> {
  const page = await b.context.newPage();
  await page.setViewportSize({ width, height });
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
  });
  page.on('requestfailed', (r) => {
    // A download the test triggers ends as "aborted" in the page: it went to disk, not to the page.
    if (r.failure()?.errorText === 'net::ERR_ABORTED' && r.url().startsWith('blob:')) return;
    problems.push(`requestfailed: ${r.url()} ${r.failure()?.errorText ?? ''}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return { page, problems };
}

/** Saves a screenshot to test-artifacts/<name>.png and returns its path. */
export async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/**
 * Draws `text` and a character no font has (U+10FFFD, always the "tofu" box) in the page with the given CSS
 * font, and returns how many pixels each inks and how many differ. Without a CJK font the Chinese text is
 * drawn as tofu boxes too, so `differ` is what tells real glyphs from boxes.
 */
export async function inkOf(page: Page, text: string, font: string): Promise<{ ink: number; tofuInk: number; differ: number }> {
  return page.evaluate(
    ({ text, font }) => {
      const draw = (s: string) => {
        const c = document.createElement('canvas');
        c.width = 64 * s.length;
        c.height = 64;
        const g = c.getContext('2d');
        if (!g) throw new Error('no 2d canvas');
        g.fillStyle = '#fff';
        g.fillRect(0, 0, c.width, c.height);
        g.fillStyle = '#000';
        g.font = font;
        g.textBaseline = 'top';
        g.fillText(s, 4, 8);
        return g.getImageData(0, 0, c.width, c.height).data;
      };
      const a = draw(text);
      const t = draw('\u{10FFFD}'.repeat(text.length));
      let ink = 0;
      let tofuInk = 0;
      let differ = 0;
      for (let i = 0; i < a.length; i += 4) {
        const pa = (a[i] ?? 255) < 128;
        const pt = (t[i] ?? 255) < 128;
        if (pa) ink++;
        if (pt) tofuInk++;
        if (pa !== pt) differ++;
      }
      return { ink, tofuInk, differ };
    },
    { text, font },
  );
}
