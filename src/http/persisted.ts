import { createHash } from 'node:crypto';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { EXAMPLES } from '../examples.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Each showcase query under its name (`fourGBaseStations`) and under the sha256 hex of its text. */
export const PERSISTED_OPERATIONS: ReadonlyMap<string, string> = new Map(
  Object.entries(EXAMPLES).flatMap(([name, query]) => [
    [name, query],
    [sha256(query), query],
  ]),
);

/**
 * Persisted operations: `GET /graphql?id=fourGBaseStations` (or the query's sha256, or Apollo-style
 * `extensions.persistedQuery.sha256Hash`) runs a showcase query of src/examples.ts. Arbitrary queries
 * still work; this only gives notebooks short, cacheable URLs.
 */
export function usePersistedExamples(): Plugin {
  return usePersistedOperations({
    allowArbitraryOperations: true,
    extractPersistedOperationId: (params, request) => {
      const pq = (params.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery;
      if (typeof pq?.sha256Hash === 'string') return pq.sha256Hash;
      const id = new URL(request.url, 'http://localhost').searchParams.get('id');
      return id || null;
    },
    getPersistedOperation: (key) => PERSISTED_OPERATIONS.get(key) ?? null,
    customErrors: {
      keyNotFound: () =>
        createGraphQLError('Must provide query string, or the id of a persisted operation (e.g. ?id=fourGBaseStations).', {
          extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
        }),
      notFound: () =>
        createGraphQLError(`Unknown persisted operation id. Known ids: ${Object.keys(EXAMPLES).join(', ')} (or their sha256).`, {
          extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 404 } },
        }),
    },
  }) as Plugin;
}
