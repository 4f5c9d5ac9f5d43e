import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** graphql-js's suggestions: `Did you mean "entity"?`, `Did you mean the enum value "RUNS"?`, `... or "x"?`. */
const SUGGESTION = / ?Did you mean [^?]*\?/g;

/**
 * Last look at every GraphQL error before it is sent:
 * - graphql-js reports bad variables at execution start with no code; they are the client's input, so they
 *   get BAD_USER_INPUT like every other bad argument;
 * - with introspection off, "Did you mean …" suggestions would leak the schema's names one guess at a time,
 *   so they are removed.
 */
export function useErrorHygiene(o: { introspection: boolean }): Plugin {
  const strip = (e: GraphQLError) =>
    new GraphQLError(e.message.replace(SUGGESTION, ''), {
      nodes: e.nodes,
      source: e.source,
      positions: e.positions,
      path: e.path,
      originalError: e.originalError,
      extensions: e.extensions,
    });
  return {
    onValidate() {
      if (o.introspection) return;
      return ({ valid, result, setResult }) => {
        if (!valid) setResult(result.map((e) => (e instanceof GraphQLError ? strip(e) : e)));
      };
    },
    onResultProcess({ result, setResult }) {
      const results = Array.isArray(result) ? result : [result];
      let changed = false;
      const cleaned = results.map((r) => {
        const errors = (r as { errors?: readonly unknown[] } | null)?.errors;
        if (!errors?.length) return r;
        const next = errors.map((e) => {
          if (!(e instanceof GraphQLError)) return e;
          const needsCode = !e.extensions?.code && !e.path && !e.originalError;
          const message = o.introspection ? e.message : e.message.replace(SUGGESTION, '');
          if (!needsCode && message === e.message) return e;
          changed = true;
          return new GraphQLError(message, {
            nodes: e.nodes,
            source: e.source,
            positions: e.positions,
            path: e.path,
            originalError: e.originalError,
            extensions: needsCode ? { ...e.extensions, code: 'BAD_USER_INPUT' } : e.extensions,
          });
        });
        return { ...(r as object), errors: next };
      });
      if (changed) setResult((Array.isArray(result) ? cleaned : cleaned[0]) as typeof result);
    },
  };
}
