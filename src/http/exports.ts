import { createHash } from 'node:crypto';
import { pipeline, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { Plugin } from 'graphql-yoga';
import { createCB } from 'xmlbuilder2';
import { RELATION_TYPES } from '../../seed/schema.js';
import type { AppState } from '../app-state.js';
import type { QueryName } from '../db/cypher.js';
import type { Db } from '../db/read.js';
import { ENTITY_KINDS } from '../kinds.js';
import type { EntityRecord, MetricValueRecord, RelationProps } from '../loaders/types.js';

/** Rows per database round-trip while streaming an export. */
export const EXPORT_PAGE_SIZE = 500;
const MAX_AGE_SECONDS = 60;

interface EntityRow {
  entity: EntityRecord;
  degree: number;
}
interface RelationRow {
  id: string;
  source: string;
  target: string;
  sourceKind: string;
  targetKind: string;
  type: string;
  props: RelationProps & { evidenceLines?: number[]; evidenceQuotes?: string[] };
}
interface MetricValueRow {
  metric: EntityRecord;
  value: MetricValueRecord & { id: string };
}

interface Filters {
  kinds: string[] | null;
  types: string[] | null;
  categories: string[] | null;
}

interface ExportFile {
  description: string;
  contentType: string;
  params: (keyof Filters)[];
  body: (db: Db, filters: Filters, version: string) => Promise<ReadableStream<Uint8Array>>;
}

class BadParam extends Error {
  constructor(
    message: string,
    readonly parameter: string,
    readonly allowed?: readonly string[],
  ) {
    super(message);
  }
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(`${JSON.stringify(body, null, 2)}\n`, {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });

/** Strips characters XML 1.0 forbids (the PDF text has a few control characters). */
function xmlSafe(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if ((c >= 0x20 && c !== 0xfffe && c !== 0xffff) || c === 0x09 || c === 0x0a || c === 0x0d) out += ch;
  }
  return out;
}

/** Every row of a paged export query, fetched EXPORT_PAGE_SIZE at a time by keyset (`after` the last id). */
async function* pages<Row>(
  db: Db,
  name: QueryName,
  params: Record<string, unknown>,
  keyOf: (row: Row) => string,
  first?: Row[],
): AsyncGenerator<Row[]> {
  let after = '';
  let rows = first ?? (await db.read<Row>(name, { ...params, after, limit: EXPORT_PAGE_SIZE }));
  for (;;) {
    if (rows.length > 0) yield rows;
    const last = rows.at(-1);
    if (rows.length < EXPORT_PAGE_SIZE || !last) return;
    after = keyOf(last);
    rows = await db.read<Row>(name, { ...params, after, limit: EXPORT_PAGE_SIZE });
  }
}

/**
 * Fetches the first page now (so a database failure is a 503, not a cut-off body) and returns the
 * pages, that first one included.
 */
async function paged<Row>(db: Db, name: QueryName, params: Record<string, unknown>, keyOf: (row: Row) => string) {
  const first = await db.read<Row>(name, { ...params, after: '', limit: EXPORT_PAGE_SIZE });
  return pages<Row>(db, name, params, keyOf, first);
}

const encoder = new TextEncoder();

/** A byte stream of the strings an async generator yields, pulled only as fast as the client reads. */
function textStream(chunks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      } catch (err) {
        controller.error(err);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

/** CSV through csv-stringify's stream: header row, UTF-8 BOM (so Excel shows Chinese), RFC 4180 quoting. */
function csvStream<T>(columns: readonly string[], rows: AsyncGenerator<T[]>, toRecord: (row: T) => Record<string, unknown>) {
  async function* records() {
    for await (const page of rows) for (const row of page) yield toRecord(row);
  }
  const out = stringify({ header: true, bom: true, columns: [...columns], cast: { boolean: (b) => String(b) } });
  pipeline(Readable.from(records()), out, () => {});
  return Readable.toWeb(out) as unknown as ReadableStream<Uint8Array>;
}

const joinList = (xs: readonly unknown[] | null | undefined) => (xs && xs.length > 0 ? xs.join('|') : null);
const compact = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));

/** The attributes of an entity in graph.json and graph.graphml. */
function nodeAttributes({ entity: e, degree }: EntityRow) {
  return {
    kind: e.kind,
    nameZh: e.nameZh,
    nameEn: e.nameEn,
    aliases: e.aliases ?? [],
    description: e.description,
    sector: e.sector,
    level: e.level,
    category: e.category,
    year: e.year,
    date: e.date,
    unit: e.unit,
    source: e.source,
    reference: e.reference ?? false,
    degree,
    mentions: e.mentionLines?.length ?? 0,
    evidenceLines: e.evidenceLines ?? [],
  };
}

/** The attributes of a relationship in graph.json and graph.graphml. */
function linkAttributes(r: RelationRow) {
  return {
    type: r.type,
    year: r.props.year,
    date: r.props.date,
    label: r.props.label,
    kind: r.props.kind,
    share: r.props.share,
    role: r.props.role,
    inferred: r.props.inferred ?? false,
    evidenceLines: r.props.evidenceLines ?? [],
  };
}

const GRAPH_DESCRIPTION =
  'China Unicom (Hong Kong) 2020 CSR report knowledge graph (unicom-kg); evidence lines refer to seed/source/china-unicom-csr-2020.zh-Hant.txt';

function entityParams(f: Filters) {
  return { kinds: f.kinds };
}
function relationParams(f: Filters) {
  return { kinds: f.kinds, types: f.types };
}

const ENTITY_COLUMNS = [
  'id',
  'kind',
  'nameZh',
  'nameEn',
  'aliases',
  'description',
  'sector',
  'level',
  'category',
  'year',
  'date',
  'unit',
  'source',
  'reference',
  'degree',
  'mentions',
  'evidenceLines',
  'evidenceQuote',
] as const;
const RELATION_COLUMNS = [
  'id',
  'source',
  'target',
  'type',
  'sourceKind',
  'targetKind',
  'year',
  'date',
  'label',
  'kind',
  'share',
  'role',
  'inferred',
  'evidenceLines',
  'evidenceQuote',
] as const;
const METRIC_COLUMNS = [
  'metric',
  'nameZh',
  'nameEn',
  'category',
  'year',
  'value',
  'printed',
  'unit',
  'source',
  'evidenceLine',
  'evidenceQuote',
] as const;

type Attr = { name: string; type: 'string' | 'int' | 'double' | 'boolean' };
const GRAPHML_NODE_KEYS: Attr[] = [
  { name: 'label', type: 'string' },
  { name: 'kind', type: 'string' },
  { name: 'nameZh', type: 'string' },
  { name: 'nameEn', type: 'string' },
  { name: 'aliases', type: 'string' },
  { name: 'description', type: 'string' },
  { name: 'sector', type: 'string' },
  { name: 'level', type: 'string' },
  { name: 'category', type: 'string' },
  { name: 'year', type: 'int' },
  { name: 'date', type: 'string' },
  { name: 'unit', type: 'string' },
  { name: 'source', type: 'string' },
  { name: 'reference', type: 'boolean' },
  { name: 'degree', type: 'int' },
  { name: 'mentions', type: 'int' },
  { name: 'evidenceLines', type: 'string' },
];
const GRAPHML_EDGE_KEYS: Attr[] = [
  { name: 'type', type: 'string' },
  { name: 'year', type: 'int' },
  { name: 'date', type: 'string' },
  { name: 'label', type: 'string' },
  { name: 'kind', type: 'string' },
  { name: 'share', type: 'double' },
  { name: 'role', type: 'string' },
  { name: 'inferred', type: 'boolean' },
  { name: 'evidenceLines', type: 'string' },
];

/** Values of one GraphML <data> element: lists joined with '|', absent values left out. */
function graphmlValue(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.length > 0 ? v.join('|') : null;
  return xmlSafe(String(v));
}

const EXPORT_FILES = {
  'graph.json': {
    description:
      'Node-link JSON as networkx.node_link_graph(data, edges="links") reads it: {directed, multigraph, graph, nodes: [{id, kind, nameZh, nameEn, ...}], links: [{source, target, key, type, year, ...}]}. Links only between exported nodes.',
    contentType: 'application/json; charset=utf-8',
    params: ['kinds', 'types'],
    body: async (db, f, version) => {
      const nodes = await paged<EntityRow>(db, 'export/entities', entityParams(f), (r) => r.entity.id);
      async function* chunks() {
        const graph = { name: 'unicom-kg', description: GRAPH_DESCRIPTION, version, kinds: f.kinds, types: f.types };
        yield `{"directed":true,"multigraph":true,"graph":${JSON.stringify(compact(graph))},\n"nodes":[\n`;
        let sep = '';
        for await (const page of nodes) {
          yield sep + page.map((r) => JSON.stringify({ id: r.entity.id, ...compact(nodeAttributes(r)) })).join(',\n');
          sep = ',\n';
        }
        yield '\n],\n"links":[\n';
        sep = '';
        for await (const page of pages<RelationRow>(db, 'export/relations', relationParams(f), (r) => r.id)) {
          const body = page.map((r) => JSON.stringify({ source: r.source, target: r.target, key: r.id, ...compact(linkAttributes(r)) }));
          yield sep + body.join(',\n');
          sep = ',\n';
        }
        yield '\n]}\n';
      }
      return textStream(chunks());
    },
  },
  'graph.graphml': {
    description:
      'GraphML with typed <key> declarations (Gephi, Cytoscape, networkx.read_graphml, yEd). Lists (aliases, evidenceLines) are joined with "|". Edge ids are the relationship ids.',
    contentType: 'application/graphml+xml; charset=utf-8',
    params: ['kinds', 'types'],
    body: async (db, f, version) => {
      const nodes = await paged<EntityRow>(db, 'export/entities', entityParams(f), (r) => r.entity.id);
      async function* chunks() {
        let buffer: string[] = [];
        const xml = createCB({ prettyPrint: true, data: (chunk: string) => void buffer.push(chunk) });
        const take = () => {
          const out = buffer.join('');
          buffer = [];
          return out;
        };
        xml.dec({ version: '1.0', encoding: 'UTF-8' }).ele('graphml', {
          xmlns: 'http://graphml.graphdrawing.org/xmlns',
          'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
          'xsi:schemaLocation': 'http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd',
        });
        xml.com(` ${GRAPH_DESCRIPTION}; graph version ${version} `);
        for (const k of GRAPHML_NODE_KEYS)
          xml.ele('key', { id: `n_${k.name}`, for: 'node', 'attr.name': k.name, 'attr.type': k.type }).up();
        for (const k of GRAPHML_EDGE_KEYS)
          xml.ele('key', { id: `e_${k.name}`, for: 'edge', 'attr.name': k.name, 'attr.type': k.type }).up();
        xml.ele('graph', { id: 'unicom-kg', edgedefault: 'directed' });
        for await (const page of nodes) {
          for (const r of page) {
            xml.ele('node', { id: r.entity.id });
            const attrs: Record<string, unknown> = { label: r.entity.nameZh, ...nodeAttributes(r) };
            for (const k of GRAPHML_NODE_KEYS) {
              const v = graphmlValue(attrs[k.name]);
              if (v !== null)
                xml
                  .ele('data', { key: `n_${k.name}` })
                  .txt(v)
                  .up();
            }
            xml.up();
          }
          yield take();
        }
        for await (const page of pages<RelationRow>(db, 'export/relations', relationParams(f), (r) => r.id)) {
          for (const r of page) {
            xml.ele('edge', { id: r.id, source: r.source, target: r.target });
            const attrs: Record<string, unknown> = linkAttributes(r);
            for (const k of GRAPHML_EDGE_KEYS) {
              const v = graphmlValue(attrs[k.name]);
              if (v !== null)
                xml
                  .ele('data', { key: `e_${k.name}` })
                  .txt(v)
                  .up();
            }
            xml.up();
          }
          yield take();
        }
        xml.up().up().end();
        yield `${take()}\n`;
      }
      return textStream(chunks());
    },
  },
  'entities.csv': {
    description: `Entities, one a row: ${ENTITY_COLUMNS.join(', ')}. Lists joined with "|"; evidenceQuote is the first quote.`,
    contentType: 'text/csv; charset=utf-8; header=present',
    params: ['kinds'],
    body: async (db, f) =>
      csvStream(ENTITY_COLUMNS, await paged<EntityRow>(db, 'export/entities', entityParams(f), (r) => r.entity.id), (r) => ({
        ...nodeAttributes(r),
        id: r.entity.id,
        aliases: joinList(r.entity.aliases),
        evidenceLines: joinList(r.entity.evidenceLines),
        evidenceQuote: r.entity.evidenceQuotes?.[0] ?? null,
      })),
  },
  'relations.csv': {
    description: `Relationships, one a row: ${RELATION_COLUMNS.join(', ')}. With ?kinds=, both ends must be of those kinds.`,
    contentType: 'text/csv; charset=utf-8; header=present',
    params: ['kinds', 'types'],
    body: async (db, f) =>
      csvStream(RELATION_COLUMNS, await paged<RelationRow>(db, 'export/relations', relationParams(f), (r) => r.id), (r) => ({
        ...linkAttributes(r),
        id: r.id,
        source: r.source,
        target: r.target,
        sourceKind: r.sourceKind,
        targetKind: r.targetKind,
        evidenceLines: joinList(r.props.evidenceLines),
        evidenceQuote: r.props.evidenceQuotes?.[0] ?? null,
      })),
  },
  'metrics.csv': {
    description: `Metric values in long format, one (metric, year) a row: ${METRIC_COLUMNS.join(', ')}. value is empty where the report prints no number (see printed).`,
    contentType: 'text/csv; charset=utf-8; header=present',
    params: ['categories'],
    body: async (db, f) =>
      csvStream(
        METRIC_COLUMNS,
        await paged<MetricValueRow>(db, 'export/metric-values', { categories: f.categories }, (r) => r.value.id),
        ({ metric: m, value: v }) => ({
          metric: m.id,
          nameZh: m.nameZh,
          nameEn: m.nameEn,
          category: m.category,
          year: v.year,
          value: v.value,
          printed: v.printed,
          unit: m.unit,
          source: m.source,
          evidenceLine: v.evidenceLine,
          evidenceQuote: v.evidenceQuote,
        }),
      ),
  },
} satisfies Record<string, ExportFile>;

/** The export files by name: a Map, so that a name such as `__proto__` or `constructor` finds nothing. */
export const EXPORTS: ReadonlyMap<string, ExportFile> = new Map(Object.entries(EXPORT_FILES));

const PARAM_HELP: Record<keyof Filters, string> = {
  kinds: `Comma-separated entity kinds (${ENTITY_KINDS.join(', ')}).`,
  types: `Comma-separated relationship types (${RELATION_TYPES.join(', ')}).`,
  categories: 'Comma-separated metric categories as printed (e.g. 以人為本,低碳發展).',
};

/** The list in a query parameter (comma-separated, and/or repeated); null when absent. */
function listParam(url: URL, name: string, allowed?: readonly string[]): string[] | null {
  const raw = url.searchParams
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  if (raw.length === 0) return null;
  if (!allowed) return [...new Set(raw)];
  const values = raw.map((v) => v.toUpperCase());
  const unknown = values.filter((v) => !allowed.includes(v));
  if (unknown.length > 0)
    throw new BadParam(
      `Unknown ${name === 'kinds' ? 'kind' : 'relationship type'} ${unknown.map((u) => `"${u}"`).join(', ')} in ?${name}=. Use one or more of: ${allowed.join(', ')}.`,
      name,
      allowed,
    );
  return [...new Set(values)];
}

function parseFilters(url: URL, file: ExportFile): Filters {
  for (const key of new Set(url.searchParams.keys()))
    if (!(file.params as string[]).includes(key))
      throw new BadParam(
        `Unknown query parameter "${key}". This export accepts: ${file.params.length > 0 ? file.params.join(', ') : 'none'}.`,
        key,
        file.params,
      );
  return {
    kinds: listParam(url, 'kinds', ENTITY_KINDS),
    types: listParam(url, 'types', RELATION_TYPES),
    categories: listParam(url, 'categories'),
  };
}

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
    return json(405, { error: { code: 'METHOD_NOT_ALLOWED', message: 'Exports are read with GET.' } }, { allow: 'GET, HEAD' });
  if (name === '') return json(200, index(url.origin));
  const file = EXPORTS.get(name);
  if (!file)
    return json(404, {
      error: { code: 'NOT_FOUND', message: `No export "${name}". Available: ${[...EXPORTS.keys()].join(', ')} (see /export).` },
    });
  let filters: Filters;
  try {
    filters = parseFilters(url, file);
  } catch (err) {
    if (!(err instanceof BadParam)) throw err;
    return json(400, { error: { code: 'BAD_USER_INPUT', message: err.message, parameter: err.parameter, allowed: err.allowed } });
  }
  const db = state.db;
  if (!db || !state.ready)
    return json(
      503,
      {
        error: {
          code: 'DATABASE_UNAVAILABLE',
          message: 'The graph database is not ready yet. Retry shortly; /ready answers 200 when it is.',
        },
      },
      { 'retry-after': '5' },
    );
  try {
    const version = (await db.read<{ version: string | null }>('meta/graph-version'))[0]?.version ?? 'unseeded';
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
    if (code === 'DATABASE_UNAVAILABLE' || code === 'QUERY_TIMEOUT')
      return json(503, { error: { code, message: (err as Error).message } }, { 'retry-after': '5' });
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
