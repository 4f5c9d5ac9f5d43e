import { createHash } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import type { AppState } from '../../app-state.js';
import { AdmissionError } from '../../db/admission.js';
import { jsonError } from '../../errors.js';
import { readGraphVersion, UNSEEDED } from '../../graph-version.js';
import { clientAddress } from '../client.js';
import { admittedBody, type ExportAdmission } from './admission.js';
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

const RETRY_AFTER_S = 5;

/**
 * The body of an export, admitted: at most `clients.perClient` downloads per client address (TOO_MANY_EXPORTS,
 * 429), then a slot of the heavy-request lane for its first page (SERVER_BUSY, 503, after ADMISSION_WAIT_MS),
 * then one slot per later chunk (admittedBody).
 */
async function admitted(
  request: Request,
  address: string,
  admission: ExportAdmission,
  body: () => Promise<ReadableStream<Uint8Array>>,
): Promise<ReadableStream<Uint8Array> | Response> {
  const leave = admission.clients.take(address);
  if (!leave)
    return jsonError(
      'TOO_MANY_EXPORTS',
      `This client address already has ${admission.clients.perClient} exports downloading; at most ${admission.clients.perClient} run at once per address. Wait for one to finish, then retry (Retry-After says when to try again).`,
      { limit: admission.clients.perClient },
      { 'retry-after': String(RETRY_AFTER_S) },
    );
  let release: () => void;
  try {
    release = await admission.heavy.acquire(admission.waitMs, request.signal);
  } catch (err) {
    leave();
    if (!(err instanceof AdmissionError)) throw err;
    return err.reason === 'busy'
      ? jsonError(
          'SERVER_BUSY',
          `The server is busy with other expensive requests (exports, path searches, neighbourhoods): this export could not start within ${admission.waitMs} ms. Retry in a few seconds.`,
          {},
          { 'retry-after': String(RETRY_AFTER_S) },
        )
      : jsonError('REQUEST_CANCELLED', 'The client closed the request before the export started.');
  }
  try {
    return admittedBody(await body(), admission.heavy, leave, request.signal);
  } catch (err) {
    leave();
    throw err;
  } finally {
    release();
  }
}

async function handle(request: Request, state: AppState, address: string, admission: ExportAdmission): Promise<Response> {
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
    const body = await admitted(request, address, admission, () => file.body(db, filters, version));
    if (body instanceof Response) return body;
    return new Response(body, { status: 200, headers });
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
export function useExports(state: AppState, admission: ExportAdmission): Plugin {
  return {
    async onRequest({ request, url, endResponse, serverContext }) {
      if (url.pathname !== '/export' && !url.pathname.startsWith('/export/')) return;
      endResponse(await handle(request, state, clientAddress(serverContext), admission));
    },
  };
}
