import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createYoga, type Plugin, useReadinessCheck, type YogaLogger } from 'graphql-yoga';
import type { AppState } from './app-state.js';
import type { CacheSize } from './bounded-cache.js';
import { type Context, createContext } from './context.js';
import type { RequestBudget } from './db/scope.js';
import { DEFAULT_NEW_SHAPES_PER_MINUTE, NewShapeBudget } from './db/shapes.js';
import { apiError, jsonError, statusOfFailedResult } from './errors.js';
import { EXAMPLES } from './examples.js';
import { boundedResponseCache, useCache } from './http/cache.js';
import { clientAddress, IN_PROCESS } from './http/client.js';
import { documentCaches } from './http/document-cache.js';
import { useExplore } from './http/explore.js';
import { ClientSlots, EXPORTS_PER_CLIENT, useExports } from './http/exports/index.js';
import { renderGraphiQL, useGraphiQLAssets } from './http/graphiql.js';
import { heavyRequestLane } from './http/limits/cost.js';
import { usePersistedExamples } from './http/persisted.js';
import { DEFAULT_SECURITY, type SecurityOptions, securityPlugins } from './http/security.js';
import { schema } from './schema/index.js';
import { nameCacheSize, setNameCacheBudget } from './search/names.js';

export type { AppState } from './app-state.js';

/** /ready answers 503 when Neo4j does not answer within this long. */
const PING_TIMEOUT_MS = 2_000;

async function pingWithin(ping: () => Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((r) => {
    timer = setTimeout(() => r(false), ms);
  });
  try {
    return await Promise.race([ping().then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** Adds `extensions.trace` (round-trips and query names) when the request carries `x-trace: 1`. */
const useTrace = (): Plugin<Context> => ({
  onExecute({ args }) {
    return {
      onExecuteDone({ result, setResult }) {
        const ctx = args.contextValue as Context & { request?: Request };
        if (ctx.request?.headers.get('x-trace') !== '1' || !('data' in result)) return;
        setResult({ ...result, extensions: { ...result.extensions, trace: { dbRoundTrips: ctx.trace.count, queries: ctx.trace.names } } });
      },
    };
  },
});

/**
 * Notes when each request arrived: REQUEST_DEADLINE_MS counts from there (src/db/scope.ts), not from when
 * its context was made, after the hooks that run first (the response cache's wait for the graph version).
 */
const useArrival = (arrivals: WeakMap<Request, number>): Plugin => ({
  onRequest({ request }) {
    arrivals.set(request, Date.now());
  },
});

/**
 * Ends the request's database scope when execution is done. When the scope failed (budget spent, deadline
 * passed, client gone) the answer is that one coded error, not one copy per field that was cut short.
 */
const useRequestScope = (): Plugin<Context> => ({
  onExecute({ args }) {
    return {
      onExecuteDone({ result, setResult }) {
        const scope = (args.contextValue as Partial<Context>).scope;
        if (!scope) return;
        scope.dispose();
        if (scope.failure && !(Symbol.asyncIterator in result)) setResult({ errors: [scope.failure] });
      },
    };
  },
});

/**
 * A request whose every field failed for the same database reason answers with that code's HTTP status
 * (statusOfFailedResult, src/errors.ts): a client or proxy that looks only at the status sees 503 / 504, not 200.
 */
const useStatusOfFailedResult = (): Plugin => ({
  onResultProcess({ result, setResult }) {
    if (Array.isArray(result) || Symbol.asyncIterator in result) return;
    const status = statusOfFailedResult(result as Parameters<typeof statusOfFailedResult>[0]);
    if (status === undefined) return;
    const extensions = result.extensions as { http?: Record<string, unknown> } | undefined;
    setResult({ ...result, extensions: { ...extensions, http: { ...extensions?.http, status } } });
  },
});

/** The process's memory in MB: resident, V8 heap (reserved and live), and outside it (Buffers and ArrayBuffers). */
function memoryMb() {
  const m = process.memoryUsage();
  const mb = (n: number) => Math.round(n / 1024 / 1024);
  return {
    rss: mb(m.rss),
    heapTotal: mb(m.heapTotal),
    heapUsed: mb(m.heapUsed),
    external: mb(m.external),
    arrayBuffers: mb(m.arrayBuffers),
  };
}

/** GET /health: the process is alive; says what it knows about Neo4j (supervisor state, admission lanes) and the caches' sizes. */
const useHealth = (
  state: AppState,
  caches: () => Record<string, CacheSize>,
  newShapes?: () => { perMinute: number; admitted: number; refused: number },
): Plugin => {
  // How late timers fire: the event loop blocked by one request delays every other request by as much.
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const ms = (ns: number) => Math.round(ns / 1e5) / 10;
  return {
    onRequest({ url, endResponse }) {
      if (url.pathname !== '/health') return;
      endResponse(
        Response.json({
          status: 'ok',
          ready: state.ready && !state.stopping,
          ...(state.stopping ? { stopping: true } : {}),
          requestsInFlight: state.requestsInFlight?.(),
          neo4j: state.supervisor?.() ?? { state: 'external' },
          lanes: state.db?.load(),
          eventLoopDelayMs: { p50: ms(lag.percentile(50)), p99: ms(lag.percentile(99)), max: ms(lag.max) },
          caches: caches(),
          newShapes: newShapes?.(),
          memoryMb: memoryMb(),
        }),
      );
    },
    onDispose() {
      lag.disable();
    },
  };
};

/**
 * The last line of defence for routes outside GraphQL (exports, explorer, health): an error thrown by a
 * plugin's onRequest would otherwise reach the client as a 500 whose body is the stack trace. Here it
 * becomes a coded 500 with no detail; the log has them.
 */
function guarded(plugin: Plugin, log: (err: unknown) => void): Plugin {
  const onRequest = plugin.onRequest;
  if (!onRequest) return plugin;
  return {
    ...plugin,
    async onRequest(payload) {
      try {
        await onRequest(payload);
      } catch (err) {
        log(err);
        payload.endResponse(jsonError('INTERNAL_SERVER_ERROR', 'Unexpected error. The server log has the details.'));
      }
    },
  };
}

export interface AppOptions {
  graphiql?: boolean;
  /** Request limits and introspection; defaults as in src/config.ts. */
  security?: Partial<SecurityOptions>;
  /** What one request may spend on the database; defaults as in src/config.ts. */
  budget?: Partial<RequestBudget>;
  /** CORS_ORIGIN: '*' (any origin may read), or a comma-separated list of origins. */
  corsOrigin?: string;
  /** New statement texts one client address may cause per minute (MAX_NEW_SHAPES_PER_MINUTE; default 20). */
  newShapesPerMinute?: number;
  /** Exports one client address may download at once (default EXPORTS_PER_CLIENT, 2). */
  exportsPerClient?: number;
  /** RESPONSE_CACHE: cache results (ETag, 304, Cache-Control on GET) for this many seconds, within maxBytes; off when absent. */
  responseCache?: { ttlSeconds: number; maxBytes?: number; versionCheckMs?: number; versionWaitMs?: number };
  /** Byte budgets of the parsed-document cache and the folded-name cache (shared by the process); defaults as in src/config.ts. */
  caches?: Partial<CacheBudgets>;
  /** Yoga's logger (the server passes pino, so masked errors land in the JSON log). */
  logger?: YogaLogger;
}

export interface CacheBudgets {
  documentBytes: number;
  responseBytes: number;
  nameBytes: number;
}

const MB = 1024 * 1024;
/** As DOCUMENT_CACHE_MB, RESPONSE_CACHE_MB and NAME_CACHE_MB default in src/config.ts. */
export const DEFAULT_CACHE_BUDGETS: CacheBudgets = { documentBytes: 32 * MB, responseBytes: 64 * MB, nameBytes: 4 * MB };

export const DEFAULT_BUDGET: RequestBudget = { maxStatements: 100, maxDbMs: 20_000, deadlineMs: 11_000 };

export function createApp(state: AppState, options: AppOptions = {}) {
  const security = { ...DEFAULT_SECURITY, ...options.security };
  const budget = { ...DEFAULT_BUDGET, ...options.budget };
  const corsOrigin = options.corsOrigin ?? '*';
  const logError = (err: unknown) => (options.logger ? options.logger.error(err) : console.error(err));
  // Heavy GraphQL requests and exports take slots of the same lane.
  const heavy = heavyRequestLane(security);
  const exportAdmission = {
    heavy,
    waitMs: security.admissionWaitMs,
    clients: new ClientSlots(options.exportsPerClient ?? EXPORTS_PER_CLIENT),
  };
  const shapes = new NewShapeBudget(options.newShapesPerMinute ?? DEFAULT_NEW_SHAPES_PER_MINUTE);
  const budgets = { ...DEFAULT_CACHE_BUDGETS, ...options.caches };
  const parser = documentCaches({ documentBytes: budgets.documentBytes });
  const responses = options.responseCache ? boundedResponseCache(options.responseCache.maxBytes ?? budgets.responseBytes) : undefined;
  if (options.caches?.nameBytes !== undefined) setNameCacheBudget(options.caches.nameBytes);
  const cacheSizes = () => ({
    documents: parser.documentCache.size(),
    parseErrors: parser.errorCache.size(),
    ...(responses ? { responses: responses.size() } : {}),
    names: nameCacheSize(),
  });
  const arrivals = new WeakMap<Request, number>();
  return createYoga<Record<string, unknown>, Context>({
    schema,
    // Public read-only data and no cookies: any listed origin may read, never with credentials.
    cors: {
      origin: corsOrigin === '*' ? '*' : corsOrigin.split(',').map((o) => o.trim()),
      methods: ['GET', 'POST'],
      credentials: false,
    },
    // Never attach stacks or original errors, whatever NODE_ENV says; the server log has them.
    maskedErrors: { isDev: false },
    graphqlEndpoint: '/graphql',
    // yoga's default parser cache holds 1,024 documents of any size; this one holds DOCUMENT_CACHE_MB.
    parserAndValidationCache: { documentCache: parser.documentCache, errorCache: parser.errorCache, validationCache: true },
    // The body limit is ours (useBodyLimit: Content-Length first, counted reads for chunked bodies, a coded
    // 413). Yoga's own 25 MB check would pipe every body through a TransformStream as well: 2 % of this
    // process's CPU under load, for a limit already enforced.
    maxRequestBodySize: false,
    // /health is served by useHealth, with the supervisor's state.
    healthCheckEndpoint: '/yoga-health',
    landingPage: false,
    // GraphiQL's script, style and workers come from this server (node_modules), never from a CDN.
    renderGraphiQL,
    graphiql:
      options.graphiql === false
        ? false
        : {
            title: 'unicom-kg: China Unicom CSR 2020 knowledge graph',
            defaultTabs: Object.values(EXAMPLES).map((query) => ({ query })),
          },
    context: (initial) => {
      const { request } = initial;
      if (!state.db || !state.ready)
        throw apiError(
          'The graph database is not ready yet (starting or unreachable). Retry shortly; /ready answers 200 when it is.',
          'DATABASE_UNAVAILABLE',
          {},
          { stopsRequest: true },
        );
      // Calls from this process (app.fetch: the tests, the fuzzer) have no address and no budget of new shapes.
      const client = clientAddress(initial);
      return createContext(
        state.db,
        budget,
        request.signal,
        client === IN_PROCESS ? undefined : { budget: shapes, client },
        arrivals.get(request),
      );
    },
    logging: options.logger ?? true,
    plugins: [
      useArrival(arrivals),
      guarded(
        useHealth(state, cacheSizes, () => ({ perMinute: shapes.perMinute, ...shapes.counts })),
        logError,
      ),
      useReadinessCheck({
        endpoint: '/ready',
        check: async () => {
          if (!state.ready || state.stopping || !state.ping) return false;
          return pingWithin(state.ping, PING_TIMEOUT_MS);
        },
      }),
      useTrace(),
      useRequestScope(),
      useStatusOfFailedResult(),
      ...securityPlugins(security, heavy),
      guarded(useExplore(), logError),
      guarded(useGraphiQLAssets(), logError),
      guarded(useExports(state, exportAdmission), logError),
      usePersistedExamples(),
      ...(options.responseCache && responses
        ? useCache(state, { ...options.responseCache, maxBytes: options.responseCache.maxBytes ?? budgets.responseBytes }, responses)
        : []),
    ],
  });
}

export type App = ReturnType<typeof createApp>;
