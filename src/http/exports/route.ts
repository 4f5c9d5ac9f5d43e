import { createHash } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import type { AppState } from '../../app-state.js';
import { jsonError } from '../../errors.js';
import { readGraphVersion, UNSEEDED } from '../../graph-version.js';
import { EXPORTS } from './files.js';
import { BadParam, PARAM_HELP, parseFilters } from './params.js';
import type { Filters } from './rows.js';

const MAX_AGE_SECONDS = 60;

const json = (body: unknown) =>
  new Response(`${JSON.stringify(body, null, 2)}\n`, { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' } });

function index(base: string) {
  return {
    description: `Bulk exports of the graph, streamed, UTF-8. CSV files start with a UTF-8 byte-order mark (Excel shows Chinese; pandas: encoding="utf-8-sig"). Cached for ${MAX_AGE_SECONDS} s; ETag follows the graph version.`,
    files: [...EXPORTS].map(([name, f]) => ({
      url: `${base}/export/${name}`,
      contentType: f.contentType,
      description: f.description,
      params: Object.fromEntries(f.params.map((p) => [p, PARAM_HELP[p]])),
    })),
    example: `${base}/export/graph.json?kinds=PARTNER,PROGRAM,COMPANY&types=PARTNERS_WITH,PARTICIPATES_IN,RUNS`,
  };
}

async function handle(request: Request, state: AppState): Promise<Response> {
  const url = new URL(request.url, 'http://localhost');
  const name = url.pathname.replace(/^\/export\/?/, '');
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return jsonError('METHOD_NOT_ALLOWED', 'Exports are read with GET.', {}, { allow: 'GET, HEAD' });
  if (name === '') return json(index(url.origin));
  const file = EXPORTS.get(name);
  if (!file) return jsonError('NOT_FOUND', `No export "${name}". Available: ${[...EXPORTS.keys()].join(', ')} (see /export).`);
  let filters: Filters;
  try {
    filters = parseFilters(url, file);
  } catch (err) {
    if (!(err instanceof BadParam)) throw err;
    return jsonError('BAD_USER_INPUT', err.message, { parameter: err.parameter, allowed: err.allowed });
  }
  const db = state.db;
  if (!db || !state.ready)
    return jsonError(
      'DATABASE_UNAVAILABLE',
      'The graph database is not ready yet. Retry shortly; /ready answers 200 when it is.',
      {},
      { 'retry-after': '5' },
    );
  try {
    const version = (await readGraphVersion(db))?.version ?? UNSEEDED;
    const etag = `"${createHash('sha256')
      .update(`${version}|${name}|${JSON.stringify(filters)}`)
      .digest('hex')
      .slice(0, 32)}"`;
    const headers = {
      'content-type': file.contentType,
      'content-disposition': `attachment; filename="unicom-kg-${name}"`,
      'cache-control': `public, max-age=${MAX_AGE_SECONDS}`,
      etag,
      'x-graph-version': version,
    };
    const ifNoneMatch = request.headers.get('if-none-match');
    if (ifNoneMatch?.split(',').some((t) => t.trim() === etag)) return new Response(null, { status: 304, headers });
    if (request.method === 'HEAD') return new Response(null, { status: 200, headers });
    return new Response(await file.body(db, filters, version), { status: 200, headers });
  } catch (err) {
    const code = (err as { extensions?: { code?: string } }).extensions?.code;
    if (code === 'DATABASE_UNAVAILABLE' || code === 'QUERY_TIMEOUT') {
      // Both are 503 here (retry shortly), a timeout included: an export is a plain download, not a query.
      const res = jsonError(code, (err as Error).message, {}, { 'retry-after': '5' });
      return new Response(res.body, { status: 503, headers: res.headers });
    }
    throw err;
  }
}

/** Serves GET /export (an index) and /export/<file>: graph.json, graph.graphml, entities.csv, relations.csv, metrics.csv. */
export function useExports(state: AppState): Plugin {
  return {
    async onRequest({ request, url, endResponse }) {
      if (url.pathname !== '/export' && !url.pathname.startsWith('/export/')) return;
      endResponse(await handle(request, state));
    },
  };
}
