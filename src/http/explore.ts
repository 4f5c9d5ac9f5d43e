import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'graphql-yoga';

const PUBLIC_DIR = fileURLToPath(new URL('../../public/explore/', import.meta.url));
/** cytoscape's package exports hide dist/cytoscape.min.js, so find it next to the CommonJS entry. */
const CYTOSCAPE_MIN = join(dirname(createRequire(import.meta.url).resolve('cytoscape')), 'cytoscape.min.js');

interface Asset {
  file: string;
  type: string;
}

/** What /explore serves: the page, its script and style, and cytoscape.js from node_modules (no CDN). */
const ASSETS: ReadonlyMap<string, Asset> = new Map(
  Object.entries({
    '/explore': { file: join(PUBLIC_DIR, 'index.html'), type: 'text/html; charset=utf-8' },
    '/explore/': { file: join(PUBLIC_DIR, 'index.html'), type: 'text/html; charset=utf-8' },
    '/explore/explore.js': { file: join(PUBLIC_DIR, 'explore.js'), type: 'text/javascript; charset=utf-8' },
    '/explore/explore.css': { file: join(PUBLIC_DIR, 'explore.css'), type: 'text/css; charset=utf-8' },
    '/explore/cytoscape.min.js': { file: CYTOSCAPE_MIN, type: 'text/javascript; charset=utf-8' },
  }),
);

/**
 * Serves /explore, a visual explorer over the GraphQL API: search, an entity's neighbourhood drawn
 * with cytoscape.js, click to expand, and a panel with names, evidence and a metric's yearly values.
 * Files are read once, on first request.
 */
export function useExplore(): Plugin {
  const loaded = new Map<string, Uint8Array<ArrayBuffer>>();
  return {
    onRequest({ request, url, endResponse }) {
      const asset = ASSETS.get(url.pathname);
      if (!asset) return;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        endResponse(new Response('Method Not Allowed', { status: 405, headers: { allow: 'GET, HEAD' } }));
        return;
      }
      let body = loaded.get(asset.file);
      if (!body) {
        body = new Uint8Array(readFileSync(asset.file));
        loaded.set(asset.file, body);
      }
      endResponse(
        new Response(request.method === 'HEAD' ? null : body, {
          status: 200,
          headers: { 'content-type': asset.type, 'cache-control': 'public, max-age=300', 'x-content-type-options': 'nosniff' },
        }),
      );
    },
  };
}
