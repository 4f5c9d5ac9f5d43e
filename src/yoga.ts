import { createYoga, type Plugin, useReadinessCheck } from 'graphql-yoga';
import { type Context, createContext } from './context.js';
import { apiError } from './db/errors.js';
import type { Db } from './db/read.js';
import { EXAMPLES } from './examples.js';
import { schema } from './schema/index.js';

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

export function createApp(state: AppState, options: { graphiql?: boolean } = {}) {
  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
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
          await state.ping();
          return true;
        },
      }),
      useTrace(),
    ],
  });
}

export type App = ReturnType<typeof createApp>;
