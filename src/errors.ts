import type { GraphQLError } from 'graphql';
import { createGraphQLError } from 'graphql-yoga';

/**
 * Every `extensions.code` the API returns on purpose, with the HTTP status it answers with when it stops the
 * whole request. The README's SECURITY section lists the same table; a test checks that no response carries a
 * code outside it.
 */
export const ERROR_CODES = {
  BAD_REQUEST: 400,
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  GRAPHQL_PARSE_FAILED: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  OPERATION_RESOLUTION_FAILURE: 400,
  PERSISTED_QUERY_NOT_FOUND: 404,
  DEPTH_LIMIT: 400,
  COMPLEXITY_LIMIT: 400,
  ALIAS_LIMIT: 400,
  TOKEN_LIMIT: 400,
  DIRECTIVE_LIMIT: 400,
  BODY_TOO_LARGE: 413,
  BATCHING_NOT_SUPPORTED: 400,
  INTROSPECTION_DISABLED: 400,
  REQUEST_BUDGET_EXCEEDED: 429,
  REQUEST_CANCELLED: 499,
  SERVER_BUSY: 503,
  QUERY_TIMEOUT: 504,
  DATABASE_UNAVAILABLE: 503,
  INTERNAL_SERVER_ERROR: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The documented codes as a set, for checks over responses. */
export const DOCUMENTED_CODES: ReadonlySet<string> = new Set(Object.keys(ERROR_CODES));

/**
 * An error a client can act on: the message says what was wrong and what to do, `extensions.code` is one of
 * ERROR_CODES. `stopsRequest` also sets the HTTP status, for errors that end the whole request.
 */
export function apiError(
  message: string,
  code: ErrorCode,
  extra: Record<string, unknown> = {},
  options: { stopsRequest?: boolean } = {},
): GraphQLError {
  const http = options.stopsRequest ? { http: { status: ERROR_CODES[code] } } : {};
  return createGraphQLError(message, { extensions: { code, ...extra, ...http } });
}

/** The JSON body used outside GraphQL (exports, explorer, unknown routes): `{ error: { code, message, ... } }`. */
export function jsonError(code: ErrorCode, message: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return new Response(`${JSON.stringify({ error: { code, message, ...extra } }, null, 2)}\n`, {
    status: ERROR_CODES[code],
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}
