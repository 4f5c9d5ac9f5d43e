import { complexityFromQuery } from '@pothos/plugin-complexity';
import { type DocumentNode, type GraphQLError, getOperationAST, getVariableValues, Kind } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../../context.js';
import { AdmissionError, Lane } from '../../db/admission.js';
import { apiError } from '../../errors.js';

export interface CostLimits {
  maxDepth: number;
  maxComplexity: number;
  /** A request costing at least this much is heavy: it needs a slot of the heavy-request lane (HEAVY_REQUEST_COST). */
  heavyRequestCost: number;
  /** Heavy requests executing at once, server-wide (MAX_HEAVY_REQUESTS). */
  maxHeavyRequests: number;
  /** How long a heavy request waits for a slot before it is answered SERVER_BUSY (ADMISSION_WAIT_MS). */
  admissionWaitMs: number;
}

/** The chosen operation with only the fragments it may use: what complexity is computed over. */
function operationDocument(document: DocumentNode, operationName?: string | null): DocumentNode | null {
  const operation = getOperationAST(document, operationName);
  if (!operation) return null;
  return { kind: Kind.DOCUMENT, definitions: [operation, ...document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION)] };
}

/**
 * Requests near the cost limit (many aliased path searches, depth-3 neighbourhoods with 1,000 nodes) and
 * exports are each a lot of work for Neo4j and for this process's event loop: only a few run at once, so the
 * rest of the traffic keeps its latency however many clients send them. One lane per app, shared by both.
 */
export const heavyRequestLane = (o: Pick<CostLimits, 'maxHeavyRequests'>) => new Lane(o.maxHeavyRequests, 1_000);

const stop = (errors: readonly GraphQLError[]) => ({ errors });

/**
 * Per-request checks that depend on the variables, run just before execution (never cached by document):
 * variables coerced against their types (every wrong one → BAD_USER_INPUT, whatever came before), then
 * depth and cost of the selected operation with those variables (`first: $n` counts n times; fields under
 * `@include`/`@skip` always count, which errs on the safe side). Aliases add up: each aliased field counts its own cost.
 */
export function useCostLimit(o: CostLimits, heavy: Lane = heavyRequestLane(o)): Plugin {
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const operation = getOperationAST(args.document, args.operationName);
      if (!operation) return;
      const raw = (args.variableValues ?? {}) as Record<string, unknown>;
      const coerced = getVariableValues(args.schema, operation.variableDefinitions ?? [], raw, { maxErrors: 10 });
      if (coerced.errors) {
        setResultAndStopExecution(
          stop(
            coerced.errors.map((e) =>
              apiError(
                `${e.message.replace(/\.?$/, '.')} Send each variable with the type its declaration says (see the schema in GraphiQL's Docs).`,
                'BAD_USER_INPUT',
                { argument: 'variables' },
                { stopsRequest: true },
              ),
            ),
          ),
        );
        return;
      }
      const doc = operationDocument(args.document, args.operationName);
      if (!doc) return;
      let cost: { depth: number; complexity: number };
      try {
        cost = complexityFromQuery(doc, { schema: args.schema, ctx: args.contextValue as object, variables: raw });
      } catch {
        // Left to execution, which reports it with the standard message.
        return;
      }
      if (cost.depth > o.maxDepth)
        setResultAndStopExecution(
          stop([
            apiError(
              `The query is ${cost.depth} levels deep; at most ${o.maxDepth} are allowed (MAX_DEPTH). Ask for fewer nested levels, or start a second query from the ids you got.`,
              'DEPTH_LIMIT',
              { limit: o.maxDepth },
              { stopsRequest: true },
            ),
          ]),
        );
      else if (cost.complexity > o.maxComplexity)
        setResultAndStopExecution(
          stop([
            apiError(
              `The query's cost is ${cost.complexity}; at most ${o.maxComplexity} is allowed (MAX_COMPLEXITY). A list counts its contents as many times as its \`first\` (or \`limit\`) says, 10 when not given, and paths and neighbourhoods count the work they can do: ask for smaller pages, fewer aliases or fewer nested lists.`,
              'COMPLEXITY_LIMIT',
              { limit: o.maxComplexity, cost: cost.complexity },
              { stopsRequest: true },
            ),
          ]),
        );
      else if (cost.complexity >= o.heavyRequestCost) {
        const scope = (args.contextValue as Partial<Context>).scope;
        let release: () => void;
        try {
          release = await heavy.acquire(o.admissionWaitMs, scope?.signal);
        } catch (err) {
          if (!(err instanceof AdmissionError)) throw err;
          setResultAndStopExecution(
            stop([
              apiError(
                `The server is busy with other expensive requests: this one (cost ${cost.complexity}) could not start within ${o.admissionWaitMs} ms. Retry in a few seconds, or ask for less (under ${o.heavyRequestCost} it does not wait).`,
                err.reason === 'busy' ? 'SERVER_BUSY' : 'REQUEST_CANCELLED',
                {},
                { stopsRequest: true },
              ),
            ]),
          );
          return;
        }
        return { onExecuteDone: () => release() };
      }
      return undefined;
    },
  };
}
