import type { GraphQLError } from 'graphql';

/** The error a call throws, for asserting its code, argument and message; fails when it does not throw. */
export function thrown(fn: () => unknown): GraphQLError {
  try {
    fn();
  } catch (err) {
    return err as GraphQLError;
  }
  throw new Error('expected a throw');
}
