import type { Plugin } from 'graphql-yoga';
import { ConfigSchema } from '../config.js';
import type { Lane } from '../db/admission.js';
import { useBodyLimit } from './limits/body.js';
import { heavyRequestLane, useCostLimit } from './limits/cost.js';
import { useDocumentLimits } from './limits/document.js';
import { useErrorHygiene } from './limits/hygiene.js';
import { useTokenLimit } from './limits/tokens.js';

/** The request limits the API enforces; the README's SECURITY section lists each with its env var and error code. */
export interface SecurityOptions {
  maxDepth: number;
  maxComplexity: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  maxBodyBytes: number;
  maxVariablesDepth: number;
  maxVariablesValues: number;
  introspection: boolean;
  heavyRequestCost: number;
  maxHeavyRequests: number;
  admissionWaitMs: number;
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
  maxVariablesDepth: defaults.MAX_VARIABLES_DEPTH,
  maxVariablesValues: defaults.MAX_VARIABLES_VALUES,
  introspection: defaults.INTROSPECTION,
  heavyRequestCost: defaults.HEAVY_REQUEST_COST,
  maxHeavyRequests: defaults.MAX_HEAVY_REQUESTS,
  admissionWaitMs: defaults.ADMISSION_WAIT_MS,
};

/**
 * Every request-limit plugin, in the order they act: body and variables (parse of the HTTP request),
 * tokens (parse of the query), document rules (validation, cached per document), variables' types, depth
 * and cost (per request, just before execution), and the last look at errors.
 */
export function securityPlugins(o: SecurityOptions, heavy: Lane = heavyRequestLane(o)): Plugin[] {
  return [
    useBodyLimit(o.maxBodyBytes, { maxDepth: o.maxVariablesDepth, maxValues: o.maxVariablesValues }),
    useTokenLimit(o.maxTokens),
    useDocumentLimits(o),
    useCostLimit(o, heavy),
    useErrorHygiene(o),
  ];
}
