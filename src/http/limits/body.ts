import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { apiError } from '../../errors.js';

const bodyTooLarge = (max: number) =>
  apiError(
    `The request body is larger than ${max} bytes (MAX_BODY_BYTES). Send a shorter query: use variables and fragments instead of repeating text.`,
    'BODY_TOO_LARGE',
    { limit: max },
    { stopsRequest: true },
  );

/** A JSON GraphQL error response, for rejections that happen before yoga parses the request. */
function errorResponse(fetchAPI: { Response: typeof Response }, error: GraphQLError): Response {
  const status = (error.extensions.http as { status?: number } | undefined)?.status ?? 400;
  const { http: _http, ...extensions } = error.extensions;
  return new fetchAPI.Response(JSON.stringify({ errors: [{ message: error.message, extensions }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

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

export interface VariablesLimits {
  /** Deepest nesting of objects and lists in `variables` (MAX_VARIABLES_DEPTH). */
  maxDepth: number;
  /** Most values (objects, lists, scalars) in `variables` (MAX_VARIABLES_VALUES). */
  maxValues: number;
}

/**
 * Where `variables` break a limit: walked without recursion, so 100,000 levels of nesting cost a loop, not
 * the stack. Returns a message, or null when the variables are fine.
 */
export function variablesProblem(variables: unknown, limits: VariablesLimits): string | null {
  if (variables === null || variables === undefined) return null;
  if (typeof variables !== 'object' || Array.isArray(variables))
    return '`variables` must be a JSON object whose keys are the variable names, e.g. {"q": "美團"}.';
  const stack: [unknown, number][] = [[variables, 1]];
  let values = 0;
  while (stack.length > 0) {
    const [value, depth] = stack.pop() as [unknown, number];
    values += 1;
    if (values > limits.maxValues)
      return `\`variables\` hold more than ${limits.maxValues} values (MAX_VARIABLES_VALUES). Send fewer or smaller variables.`;
    if (value === null || typeof value !== 'object') continue;
    if (depth > limits.maxDepth)
      return `\`variables\` are nested more than ${limits.maxDepth} levels deep (MAX_VARIABLES_DEPTH). No argument of this API needs more: send flatter values.`;
    const children = Array.isArray(value) ? value : Object.values(value);
    // Counted before they are pushed, so a list of a million values is refused without walking it.
    if (values + stack.length + children.length > limits.maxValues)
      return `\`variables\` hold more than ${limits.maxValues} values (MAX_VARIABLES_VALUES). Send fewer or smaller variables.`;
    for (const child of children) stack.push([child, depth + 1]);
  }
  return null;
}

/**
 * The request body: over `max` bytes → 413, by Content-Length before reading anything and, for chunked
 * bodies, by counting bytes while reading (a 10 MB body is never held in memory). Then the parsed
 * parameters: one operation per request (no batching) and variables within their depth and size limits.
 */
export function useBodyLimit(max: number, variables: VariablesLimits): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      const length = Number(request.headers.get('content-length') ?? Number.NaN);
      if (Number.isFinite(length) && length > max) endResponse(errorResponse(fetchAPI, bodyTooLarge(max)));
    },
    onRequestParse({ requestParser, setRequestParser, fetchAPI }) {
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
          throw apiError(
            'The request could not be read: send JSON `{ "query": ..., "variables": {...} }` (variables as a JSON object).',
            'BAD_REQUEST',
            {},
            { stopsRequest: true },
          );
        }
        if (params instanceof Response) return params;
        if (Array.isArray(params))
          throw apiError(
            'Batched requests (a JSON array of operations) are not supported: send one operation per request (HTTP keep-alive keeps that cheap).',
            'BATCHING_NOT_SUPPORTED',
            {},
            { stopsRequest: true },
          );
        const problem = variablesProblem(params.variables, variables);
        if (problem) throw apiError(problem, 'BAD_USER_INPUT', { argument: 'variables' }, { stopsRequest: true });
        return params;
      });
    },
  };
}
