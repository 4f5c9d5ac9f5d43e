import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'graphql-yoga';

const PUBLIC_DIR = fileURLToPath(new URL('../../public/explore/', import.meta.url));
const require = createRequire(import.meta.url);
/** cytoscape's package exports hide dist/cytoscape.min.js, so find it next to the CommonJS entry. */
const CYTOSCAPE_MIN = join(dirname(require.resolve('cytoscape')), 'cytoscape.min.js');
const JS = 'text/javascript; charset=utf-8';

interface Asset {
  file: string;
  type: string;
}

/** What /explore serves: the page, its script and style, and cytoscape.js and its extensions from node_modules (no CDN). */
const ASSETS: ReadonlyMap<string, Asset> = new Map(
  Object.entries({
    '/explore': { file: join(PUBLIC_DIR, 'index.html'), type: 'text/html; charset=utf-8' },
    '/explore/': { file: join(PUBLIC_DIR, 'index.html'), type: 'text/html; charset=utf-8' },
    '/explore/explore.js': { file: join(PUBLIC_DIR, 'explore.js'), type: JS },
    '/explore/explore.css': { file: join(PUBLIC_DIR, 'explore.css'), type: 'text/css; charset=utf-8' },
    '/explore/cytoscape.min.js': { file: CYTOSCAPE_MIN, type: JS },
    // The fcose layout (labels do not overlap) and its two libraries, as UMD builds that set globals.
    '/explore/layout-base.js': { file: require.resolve('layout-base'), type: JS },
    '/explore/cose-base.js': { file: require.resolve('cose-base'), type: JS },
    '/explore/cytoscape-fcose.js': { file: require.resolve('cytoscape-fcose'), type: JS },
    // cy.svg(): the view as an SVG file.
    '/explore/cytoscape-svg.js': { file: require.resolve('cytoscape-svg'), type: JS },
  }),
);

/**
 * Serves /explore, a visual explorer over the GraphQL API: search, an entity's relations drawn with
 * cytoscape.js (paged, filtered, expand/collapse/hide/pin, paths, exports, the view in the URL), and a
 * panel with names, evidence and a metric's yearly values.
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
