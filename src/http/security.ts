import { createHash } from 'node:crypto';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { createComplexityRule } from '@pothos/plugin-complexity';
import {
  type DocumentNode,
  GraphQLError,
  Kind,
  NoSchemaIntrospectionCustomRule,
  parse,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { ConfigSchema } from '../config.js';

/** The request limits the API enforces; the README's SECURITY section lists each with its env var and error code. */
export interface SecurityOptions {
  maxDepth: number;
  maxComplexity: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  maxBodyBytes: number;
  introspection: boolean;
}

const defaults = ConfigSchema.parse({});

/** The defaults of src/config.ts; createApp uses them when the caller gives none. */
export const DEFAULT_SECURITY: SecurityOptions = {
  maxDepth: defaults.MAX_DEPTH,
  maxComplexity: defaults.MAX_COMPLEXITY,
  maxAliases: defaults.MAX_ALIASES,
  maxTokens: defaults.MAX_TOKENS,
  maxDirectives: defaults.MAX_DIRECTIVES,
  maxBodyBytes: defaults.MAX_BODY_BYTES,
  introspection: defaults.INTROSPECTION,
};

/** Codes of the errors a request limit produces; stable strings in `extensions.code`. */
export type LimitErrorCode =
  | 'DEPTH_LIMIT'
  | 'COMPLEXITY_LIMIT'
  | 'ALIAS_LIMIT'
  | 'TOKEN_LIMIT'
  | 'DIRECTIVE_LIMIT'
  | 'BODY_TOO_LARGE'
  | 'BATCHING_NOT_SUPPORTED'
  | 'INTROSPECTION_DISABLED';

/** Every `extensions.code` the API returns on purpose (the README's SECURITY section); anything else is a bug. */
export const DOCUMENTED_CODES: ReadonlySet<string> = new Set([
  'BAD_REQUEST',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'OPERATION_RESOLUTION_FAILURE',
  'DEPTH_LIMIT',
  'COMPLEXITY_LIMIT',
  'ALIAS_LIMIT',
  'TOKEN_LIMIT',
  'DIRECTIVE_LIMIT',
  'BODY_TOO_LARGE',
  'BATCHING_NOT_SUPPORTED',
  'INTROSPECTION_DISABLED',
  'QUERY_TIMEOUT',
  'DATABASE_UNAVAILABLE',
]);

function limitError(message: string, code: LimitErrorCode, limit?: number, status = 400): GraphQLError {
  return createGraphQLError(message, { extensions: { code, ...(limit === undefined ? {} : { limit }), http: { status } } });
}

/** A JSON GraphQL error response, for rejections that happen before yoga parses the request. */
function errorResponse(fetchAPI: { Response: typeof Response }, error: GraphQLError, status: number): Response {
  return new fetchAPI.Response(JSON.stringify({ errors: [{ message: error.message, extensions: { code: error.extensions.code } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

const bodyTooLarge = (max: number) =>
  limitError(
    `The request body is larger than ${max} bytes (MAX_BODY_BYTES). Send a shorter query: use variables and fragments instead of repeating text.`,
    'BODY_TOO_LARGE',
    max,
    413,
  );

/** Reads a request body up to `max` bytes; stops reading (and cancels the stream) as soon as it is over. */
async function readLimited(body: ReadableStream<Uint8Array>, max: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/**
 * Rejects bodies over `max` bytes with 413: by Content-Length before reading anything, and for chunked
 * bodies (no Content-Length) by counting bytes while reading, so a 10 MB body is never held in memory.
 * Also rejects batched requests (a JSON array body): one operation per request, keep-alive makes that cheap.
 */
function useBodyLimit(max: number): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      const length = Number(request.headers.get('content-length') ?? Number.NaN);
      if (Number.isFinite(length) && length > max) endResponse(errorResponse(fetchAPI, bodyTooLarge(max), 413));
    },
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      if (!requestParser) return;
      setRequestParser(async (req) => {
        let limited = req;
        if (req.body && !req.headers.has('content-length')) {
          const bytes = await readLimited(req.body, max);
          if (bytes === null) throw bodyTooLarge(max);
          const headers = new fetchAPI.Headers(req.headers);
          headers.delete('transfer-encoding');
          limited = new fetchAPI.Request(req.url, { method: req.method, headers, body: bytes });
        }
        let params: Awaited<ReturnType<typeof requestParser>>;
        try {
          params = await requestParser(limited);
        } catch (err) {
          if (err instanceof GraphQLError) throw err;
          // e.g. GET ?variables= that is not JSON: yoga lets the SyntaxError through as a 500.
          throw createGraphQLError(
            'The request could not be read: send JSON `{ "query": ..., "variables": {...} }` (variables as a JSON object).',
            {
              extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
            },
          );
        }
        if (Array.isArray(params))
          throw limitError(
            'Batched requests (a JSON array of operations) are not supported: send one operation per request (HTTP keep-alive keeps that cheap).',
            'BATCHING_NOT_SUPPORTED',
          );
        return params;
      });
      void request;
    },
  };
}

/** graphql-js's own token limit (the parser stops counting at the limit, so a huge document costs little). */
function useTokenLimit(max: number): Plugin {
  return {
    onParse({ setParseFn }) {
      setParseFn((source, options) => {
        try {
          return parse(source, { ...options, maxTokens: max });
        } catch (err) {
          if (err instanceof GraphQLError && /contains more th\w+ \d+ tokens/.test(err.message))
            throw limitError(
              `The query has more than ${max} tokens (MAX_TOKENS). Send a smaller query: fewer fields and arguments, or split it in several requests.`,
              'TOKEN_LIMIT',
              max,
            );
          if (err instanceof RangeError)
            throw createGraphQLError('The query is nested too deeply to parse. Send a flatter query.', {
              extensions: { code: 'GRAPHQL_PARSE_FAILED', http: { status: 400 } },
            });
          throw err;
        }
      });
    },
  };
}

/** Armor's rules report through `onReject`; this turns their rejection into our coded error. */
function report(ctx: ValidationContext | null, error: GraphQLError): void {
  ctx?.reportError(error);
}

/** A hash of the variables for a cache key; absurdly nested variables get a key of their own (no reuse). */
function hashOf(value: unknown): string {
  try {
    return createHash('sha1').update(JSON.stringify(value)).digest('base64url');
  } catch {
    return `unhashable-${Math.random()}`;
  }
}

/**
 * The complexity rule coerces arguments itself and throws on ones graphql-js's own rules report properly
 * (missing, wrong type, unknown enum value); let those rules speak, and never fail the request from here.
 */
function quiet(rule: ValidationRule): ValidationRule {
  return (ctx) => {
    const visitor = rule(ctx) as { OperationDefinition?: { enter?: (node: unknown) => void; leave?: (node: unknown) => void } };
    const op = visitor.OperationDefinition;
    if (!op) return visitor as ReturnType<ValidationRule>;
    const safe =
      (fn?: (node: unknown) => void) =>
      (node: unknown): void => {
        try {
          fn?.(node);
        } catch {
          // reported by the standard rules
        }
      };
    return { OperationDefinition: { enter: safe(op.enter), leave: safe(op.leave) } } as ReturnType<ValidationRule>;
  };
}

interface YogaValidationContext {
  params?: { variables?: Record<string, unknown> | null; operationName?: string | null };
}

/** Validation-time limits: aliases, directives (Armor), depth and complexity (the Pothos complexity rule), introspection. */
function useValidationLimits(o: SecurityOptions): Plugin {
  const aliases = maxAliasesRule({
    n: o.maxAliases,
    allowList: [],
    propagateOnRejection: false,
    onReject: [
      (ctx) =>
        report(
          ctx,
          limitError(
            `The query uses more than ${o.maxAliases} aliases (MAX_ALIASES). Ask for fewer aliased fields, or split the query.`,
            'ALIAS_LIMIT',
            o.maxAliases,
          ),
        ),
    ],
  });
  const directives = maxDirectivesRule({
    n: o.maxDirectives,
    propagateOnRejection: false,
    onReject: [
      (ctx) =>
        report(
          ctx,
          limitError(
            `The query uses more than ${o.maxDirectives} directives (MAX_DIRECTIVES). Use fewer @include/@skip directives.`,
            'DIRECTIVE_LIMIT',
            o.maxDirectives,
          ),
        ),
    ],
  });
  const introspectionOff: ValidationRule = (ctx) => {
    const inner = NoSchemaIntrospectionCustomRule(
      Object.assign(Object.create(ctx) as ValidationContext, {
        reportError: () =>
          ctx.reportError(
            limitError(
              'Introspection is disabled on this server (INTROSPECTION=false). See the README for the schema.',
              'INTROSPECTION_DISABLED',
            ),
          ),
      }),
    );
    return inner;
  };

  return {
    onValidate({ addValidationRule, context, params: { schema, documentAST } }) {
      addValidationRule(aliases);
      addValidationRule(directives);
      if (!o.introspection) addValidationRule(introspectionOff);
      const params = (context as YogaValidationContext).params;
      // Yoga caches validation by rule names and document; the cost depends on variables (`first: $n`), so the
      // name carries the limits and a hash of the variables.
      const variables = params?.variables ?? {};
      const varKey = Object.keys(variables).length ? hashOf(variables) : '';
      const complexity = createComplexityRule({
        context: context as object,
        variableValues: variables,
        operationName: params?.operationName ?? null,
        validate: ({ depth, complexity }, reportError) => {
          if (depth > o.maxDepth)
            reportError(
              limitError(
                `The query is ${depth} levels deep; at most ${o.maxDepth} are allowed (MAX_DEPTH). Ask for fewer nested levels, or start a second query from the ids you got.`,
                'DEPTH_LIMIT',
                o.maxDepth,
              ),
            );
          else if (complexity > o.maxComplexity)
            reportError(
              limitError(
                `The query's cost is ${complexity}; at most ${o.maxComplexity} is allowed (MAX_COMPLEXITY). A list counts its contents as many times as its \`first\` (or \`limit\`) says, 10 when not given: ask for smaller pages or fewer nested lists.`,
                'COMPLEXITY_LIMIT',
                o.maxComplexity,
              ),
            );
        },
      });
      Object.defineProperty(complexity, 'name', { value: `complexity_${o.maxDepth}_${o.maxComplexity}_${varKey}` });
      // graphql-js 16 only fails a mutation at execution; the complexity rule would throw on it. Refuse it here.
      const doc = documentAST as DocumentNode;
      const rootless = doc.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION && !schema.getRootType(d.operation));
      if (rootless?.kind === Kind.OPERATION_DEFINITION)
        addValidationRule((ctx: ValidationContext) => {
          ctx.reportError(
            new GraphQLError(`This API is read-only: it has no ${rootless.operation} operations. Send a query.`, {
              nodes: rootless,
              extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
            }),
          );
          return {};
        });
      else addValidationRule(quiet(complexity));
    },
  };
}

/**
 * graphql-js reports bad variables (missing, null for a non-null type, wrong type) at execution start with no
 * code; they are the client's input, so they get BAD_USER_INPUT like every other bad argument.
 */
function useRequestErrorCodes(): Plugin {
  return {
    onResultProcess({ result }) {
      for (const r of Array.isArray(result) ? result : [result]) {
        const errors = (r as { errors?: readonly unknown[] } | null)?.errors;
        for (const e of errors ?? [])
          if (e instanceof GraphQLError && !e.extensions?.code && !e.path && !e.originalError)
            (e.extensions as Record<string, unknown>).code = 'BAD_USER_INPUT';
      }
    },
  };
}

/** Every request-limit plugin, in the order they act: body, tokens (parse), then validation rules. */
export function securityPlugins(o: SecurityOptions): Plugin[] {
  return [useBodyLimit(o.maxBodyBytes), useTokenLimit(o.maxTokens), useValidationLimits(o), useRequestErrorCodes()];
}
