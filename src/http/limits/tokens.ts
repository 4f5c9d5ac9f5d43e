import { GraphQLError, parse } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { apiError } from '../../errors.js';

/** graphql-js's own token limit (the parser stops counting at the limit, so a huge document costs little). */
export function useTokenLimit(max: number): Plugin {
  return {
    onParse({ setParseFn }) {
      setParseFn((source, options) => {
        try {
          return parse(source, { ...options, maxTokens: max });
        } catch (err) {
          if (err instanceof GraphQLError && /contains more th\w+ \d+ tokens/.test(err.message))
            throw apiError(
              `The query has more than ${max} tokens (MAX_TOKENS). Send a smaller query: fewer fields and arguments, or split it in several requests.`,
              'TOKEN_LIMIT',
              { limit: max },
              { stopsRequest: true },
            );
          if (err instanceof RangeError)
            throw apiError(
              'The query is nested too deeply to parse. Send a flatter query.',
              'GRAPHQL_PARSE_FAILED',
              {},
              { stopsRequest: true },
            );
          throw err;
        }
      });
    },
  };
}
