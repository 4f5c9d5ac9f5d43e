import type { GraphQLError } from 'graphql';
import { createGraphQLError } from 'graphql-yoga';

/**
 * Every `extensions.code` the API returns on purpose, with the HTTP status it answers with when it stops the
 * whole request. The README's SECURITY section lists the same table; a test checks that no response carries a
 * code outside it.
 *
 * Which status a GraphQL response carries, for both `application/json` and `application/graphql-response+json`:
 * - an error thrown with `stopsRequest` (limits, budget, deadline, admission) sets its code's status;
 * - when EVERY field of the request failed for the same database reason (one of DATABASE_CODES), the response
 *   carries that code's status (statusOfFailedResult): 503 DATABASE_UNAVAILABLE, 504 QUERY_TIMEOUT;
 * - otherwise, partial data included, 200 (yoga's own rules for parse and validation errors aside).
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
  TOO_MANY_EXPORTS: 429,
  TOO_MANY_NEW_SHAPES: 429,
  REQUEST_CANCELLED: 499,
  SERVER_BUSY: 503,
  SHUTTING_DOWN: 503,
  QUERY_TIMEOUT: 504,
  DATABASE_UNAVAILABLE: 503,
  INTERNAL_SERVER_ERROR: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Codes of a database that failed the request; when every field failed with one of them, it sets the status. */
export const DATABASE_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['DATABASE_UNAVAILABLE', 'QUERY_TIMEOUT']);

interface ResultLike {
  data?: Record<string, unknown> | null;
  errors?: readonly { path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
}

/**
 * The HTTP status of a result in which every field failed for the same database reason, else undefined (the
 * response keeps the status yoga gives it). Every field failed: there is no data, or every top-level answer is
 * null and has an error at or below it. A field that answered (partial data) or an answer that is null with no
 * error (nothing matched) keeps 200; so do errors of more than one code.
 */
export function statusOfFailedResult(result: ResultLike): number | undefined {
  const errors = result.errors ?? [];
  const code = errors[0]?.extensions?.code;
  if (typeof code !== 'string' || !DATABASE_CODES.has(code as ErrorCode)) return undefined;
  if (!errors.every((e) => e.extensions?.code === code)) return undefined;
  if (result.data) {
    const failed = new Set(errors.map((e) => e.path?.[0]));
    if (!Object.entries(result.data).every(([key, value]) => value === null && failed.has(key))) return undefined;
  }
  return ERROR_CODES[code as ErrorCode];
}

/** The documented codes as a set, for checks over responses. */
export const DOCUMENTED_CODES: ReadonlySet<string> = new Set(Object.keys(ERROR_CODES));

/**
 * An error a client can act on: the message says what was wrong and what to do, `extensions.code` is one of
 * ERROR_CODES. `stopsRequest` also sets the HTTP status (and `headers`, e.g. Retry-After), for errors that end the
 * whole request.
 */
export function apiError(
  message: string,
  code: ErrorCode,
  extra: Record<string, unknown> = {},
  options: { stopsRequest?: boolean; headers?: Record<string, string> } = {},
): GraphQLError {
  const http = options.stopsRequest
    ? { http: { status: ERROR_CODES[code], ...(options.headers ? { headers: options.headers } : {}) } }
    : {};
  return createGraphQLError(message, { extensions: { code, ...extra, ...http } });
}

/** The JSON body used outside GraphQL (exports, explorer, unknown routes): `{ error: { code, message, ... } }`. */
export function jsonError(code: ErrorCode, message: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return new Response(`${JSON.stringify({ error: { code, message, ...extra } }, null, 2)}\n`, {
    status: ERROR_CODES[code],
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}
