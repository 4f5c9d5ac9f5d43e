import { createYoga, type Plugin, useReadinessCheck } from 'graphql-yoga';
import { type Context, createContext } from './context.js';
import { apiError } from './db/errors.js';
import type { Db } from './db/read.js';
import { EXAMPLES } from './examples.js';
import { useCache } from './http/cache.js';
import { useExplore } from './http/explore.js';
import { useExports } from './http/exports.js';
import { renderGraphiQL, useGraphiQLAssets } from './http/graphiql.js';
import { usePersistedExamples } from './http/persisted.js';
import { DEFAULT_SECURITY, type SecurityOptions, securityPlugins } from './http/security.js';
import { schema } from './schema/index.js';

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

/** What the server knows about its database; the server fills it in as start-up proceeds. */
export interface AppState {
  db?: Db;
  /** True once Neo4j answers and the schema is applied (and the graph seeded). */
  ready: boolean;
  /** Checks that Neo4j answers now; used by /ready. */
  ping?: () => Promise<void>;
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

export interface AppOptions {
  graphiql?: boolean;
  /** Request limits and introspection; defaults as in src/config.ts. */
  security?: Partial<SecurityOptions>;
  /** CORS_ORIGIN: '*' (any origin may read), or a comma-separated list of origins. */
  corsOrigin?: string;
  /** RESPONSE_CACHE: cache results (ETag, 304, Cache-Control on GET) for this many seconds; off when absent. */
  responseCache?: { ttlSeconds: number };
}

export function createApp(state: AppState, options: AppOptions = {}) {
  const security = { ...DEFAULT_SECURITY, ...options.security };
  const corsOrigin = options.corsOrigin ?? '*';
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
    healthCheckEndpoint: '/health',
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
    context: () => {
      if (!state.db || !state.ready)
        throw apiError(
          'The graph database is not ready yet (starting or unreachable). Retry shortly; /ready answers 200 when it is.',
          'DATABASE_UNAVAILABLE',
        );
      return createContext(state.db);
    },
    plugins: [
      useReadinessCheck({
        endpoint: '/ready',
        check: async () => {
          if (!state.ready || !state.ping) return false;
          return pingWithin(state.ping, PING_TIMEOUT_MS);
        },
      }),
      useTrace(),
      ...securityPlugins(security),
      useExplore(),
      useGraphiQLAssets(),
      useExports(state),
      usePersistedExamples(),
      ...(options.responseCache ? useCache(state, options.responseCache) : []),
    ],
  });
}

export type App = ReturnType<typeof createApp>;
