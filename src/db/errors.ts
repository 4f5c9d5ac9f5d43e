import { createGraphQLError } from 'graphql-yoga';
import { Neo4jError } from 'neo4j-driver';

const UNAVAILABLE = new Set(['ServiceUnavailable', 'SessionExpired', 'Neo.TransientError.General.DatabaseUnavailable']);

/** Codes of the errors this API returns on purpose; the README's SECURITY section lists them. */
export type ApiErrorCode = 'DATABASE_UNAVAILABLE' | 'QUERY_TIMEOUT' | 'BAD_USER_INPUT' | 'NOT_FOUND';

export function apiError(message: string, code: ApiErrorCode, extra: Record<string, unknown> = {}) {
  return createGraphQLError(message, { extensions: { code, ...extra } });
}

/** Maps a driver error to an API error a client can act on; anything else is rethrown (and masked). */
export function mapNeo4jError(err: unknown): unknown {
  if (err instanceof Neo4jError || (err as { code?: unknown })?.code) {
    const code = String((err as { code?: unknown }).code ?? '');
    const message = String((err as Error).message ?? '');
    if (UNAVAILABLE.has(code) || /connect|ECONNREFUSED|socket|Pool is closed|acquisition timed out/i.test(message))
      return apiError(
        'The graph database is unavailable right now. Retry in a few seconds; /ready tells when it is back.',
        'DATABASE_UNAVAILABLE',
      );
    if (/TransactionTimedOut|TransactionTimedOutClientConfiguration/.test(code) || /timed out|terminated/i.test(message))
      return apiError(
        'The query took longer than the server allows. Ask for less: lower `first`, `depth`, `limit` or `maxLength`.',
        'QUERY_TIMEOUT',
      );
  }
  return err;
}
