import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { GraphiQLOptions, Plugin } from 'graphql-yoga';

/**
 * GraphiQL served entirely by this server. yoga's built-in page loads GraphiQL's script, style and three
 * Monaco workers from a CDN, so it is a blank page offline or behind a firewall. Here the same GraphiQL build
 * (yoga's own, published as @graphql-yoga/render-graphiql, which ships it as strings) is served as separate
 * files under /graphiql/assets/<version>/: cacheable for a year (the URL changes when they do), with an ETag
 * and gzip. The page has no inline script (its options are a JSON data block), so a strict
 * Content-Security-Policy (script-src 'self'; worker-src 'self') can be applied to it.
 */

const PUBLIC_DIR = fileURLToPath(new URL('../../public/graphiql/', import.meta.url));
const require = createRequire(import.meta.url);
const RENDER_GRAPHIQL_VERSION = (require('@graphql-yoga/render-graphiql/package.json') as { version: string }).version;

const BOOT_JS = readFileSync(`${PUBLIC_DIR}boot.js`);
const FONTS_CSS = readFileSync(`${PUBLIC_DIR}unicom-kg.css`);

/** Changes whenever any served file does: the package version plus a hash of our own two files. */
const TOKEN = `${RENDER_GRAPHIQL_VERSION}-${createHash('sha256').update(BOOT_JS).update(FONTS_CSS).digest('hex').slice(0, 10)}`;
/** Where the assets live; everything under it is immutable. */
export const GRAPHIQL_ASSETS = `/graphiql/assets/${TOKEN}/`;

const JS = 'text/javascript; charset=utf-8';
type AssetName =
  | 'graphiql.js'
  | 'graphiql.css'
  | 'unicom-kg.css'
  | 'boot.js'
  | 'editor.worker.js'
  | 'json.worker.js'
  | 'graphql.worker.js'
  | 'favicon.ico';
const TYPES = new Map<AssetName, string>([
  ['graphiql.js', JS],
  ['graphiql.css', 'text/css; charset=utf-8'],
  ['unicom-kg.css', 'text/css; charset=utf-8'],
  ['boot.js', JS],
  ['editor.worker.js', JS],
  ['json.worker.js', JS],
  ['graphql.worker.js', JS],
  ['favicon.ico', 'image/x-icon'],
]);

interface Loaded {
  body: Uint8Array<ArrayBuffer>;
  gzipped: Uint8Array<ArrayBuffer>;
  etag: string;
}

const gzipAsync = promisify(gzip);
const bytes = (b: Buffer | string): Uint8Array<ArrayBuffer> => {
  const buf = typeof b === 'string' ? Buffer.from(b, 'utf8') : b;
  const out = new Uint8Array(new ArrayBuffer(buf.byteLength));
  out.set(buf);
  return out;
};

/** Loads the ~9 MB GraphiQL build on the first asset request only (a server that nobody opens GraphiQL on never pays for it). */
async function loadAll(): Promise<Map<AssetName, Loaded>> {
  const g = await import('@graphql-yoga/render-graphiql/graphiql');
  const favicon = Buffer.from(g.favicon.slice(g.favicon.indexOf(',') + 1), 'base64');
  const raw: [AssetName, Buffer | string][] = [
    ['graphiql.js', g.js],
    ['graphiql.css', g.css],
    ['unicom-kg.css', FONTS_CSS],
    ['boot.js', BOOT_JS],
    ['editor.worker.js', g.editorWorkerService],
    ['json.worker.js', g.jsonWorker],
    ['graphql.worker.js', g.graphqlWorker],
    ['favicon.ico', favicon],
  ];
  const out = new Map<AssetName, Loaded>();
  for (const [name, content] of raw) {
    const body = bytes(content);
    const gz = await gzipAsync(body);
    out.set(name, { body, gzipped: bytes(gz), etag: `"${TOKEN}-${name}"` });
  }
  return out;
}

/** JSON for a <script type="application/json"> block: nothing in it can close the element or start markup. */
const jsonForHtml = (value: unknown) =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** yoga's `renderGraphiQL` option: the page, with every asset on this server. */
export function renderGraphiQL(opts: GraphiQLOptions): string {
  const title = escapeHtml(opts.title || 'GraphiQL');
  const a = GRAPHIQL_ASSETS;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="${a}favicon.ico">
<link rel="stylesheet" href="${a}graphiql.css">
<link rel="stylesheet" href="${a}unicom-kg.css">
</head>
<body id="body" class="no-focus-outline">
<noscript>GraphiQL needs JavaScript. Without it, send queries to this URL with curl (see the README).</noscript>
<div id="root">Loading GraphiQL…</div>
<script type="application/json" id="graphiql-options">${jsonForHtml(opts)}</script>
<script src="${a}boot.js" data-assets="${a}"></script>
<script src="${a}graphiql.js"></script>
</body>
</html>
`;
}

/** Serves GET/HEAD /graphiql/assets/<token>/<file>; an old token answers 404 (the page names the current one). */
export function useGraphiQLAssets(): Plugin {
  let assets: Promise<Map<AssetName, Loaded>> | undefined;
  return {
    onRequest({ request, url, endResponse }) {
      if (!url.pathname.startsWith('/graphiql/')) return;
      const name = url.pathname.startsWith(GRAPHIQL_ASSETS) ? (url.pathname.slice(GRAPHIQL_ASSETS.length) as AssetName) : undefined;
      const type = name ? TYPES.get(name) : undefined;
      if (!name || !type) {
        endResponse(
          new Response('Not Found: GraphiQL lives at /graphql.', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } }),
        );
        return;
      }
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        endResponse(new Response('Method Not Allowed', { status: 405, headers: { allow: 'GET, HEAD' } }));
        return;
      }
      assets ??= loadAll();
      return assets.then((all) => {
        const asset = all.get(name);
        if (!asset) throw new Error(`graphiql asset ${name} missing`);
        const headers = new Headers({
          'content-type': type,
          'cache-control': 'public, max-age=31536000, immutable',
          etag: asset.etag,
          vary: 'accept-encoding',
          'x-content-type-options': 'nosniff',
        });
        if (
          request.headers
            .get('if-none-match')
            ?.split(/\s*,\s*/)
            .includes(asset.etag)
        ) {
          endResponse(new Response(null, { status: 304, headers }));
          return;
        }
        const gz = /\bgzip\b/.test(request.headers.get('accept-encoding') ?? '');
        if (gz) headers.set('content-encoding', 'gzip');
        const body = gz ? asset.gzipped : asset.body;
        headers.set('content-length', String(body.byteLength));
        endResponse(new Response(request.method === 'HEAD' ? null : body, { status: 200, headers }));
      });
    },
  };
}
