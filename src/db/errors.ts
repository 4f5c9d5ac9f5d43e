import { Neo4jError } from 'neo4j-driver';
import { apiError } from '../errors.js';

export { apiError } from '../errors.js';

/** Driver and server codes that mean "Neo4j cannot be reached or cannot serve right now". */
const UNAVAILABLE = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  'Neo.TransientError.General.DatabaseUnavailable',
  'Neo.TransientError.General.OutOfMemoryError',
  'Neo.TransientError.Transaction.MaximumTransactionLimitReached',
]);

/** Codes of a statement stopped by its timeout (or terminated by the server on its behalf). */
const TIMED_OUT = new Set([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
  'Neo.TransientError.Transaction.LockAcquisitionTimeout',
  'Neo.ClientError.Transaction.Terminated',
  'Neo.TransientError.Transaction.Terminated',
]);

/** The driver's own pool errors carry no code; these are its exact message openings (neo4j-driver-core pool.js). */
const POOL_MESSAGES = ['Connection acquisition timed out', 'Pool is closed'];

/** Maps a driver error to an API error a client can act on; anything else is rethrown (and masked). */
export function mapNeo4jError(err: unknown): unknown {
  if (!(err instanceof Neo4jError)) return err;
  if (UNAVAILABLE.has(err.code) || POOL_MESSAGES.some((m) => err.message.startsWith(m)))
    return apiError(
      'The graph database is unavailable right now. Retry in a few seconds; /ready answers 200 when it is back.',
      'DATABASE_UNAVAILABLE',
    );
  if (TIMED_OUT.has(err.code))
    return apiError(
      'The query took longer than the server allows (QUERY_TIMEOUT_MS). Ask for less: lower `first`, `depth`, `limit` or `maxLength`.',
      'QUERY_TIMEOUT',
    );
  return err;
}
