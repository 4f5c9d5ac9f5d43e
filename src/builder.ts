import SchemaBuilder from '@pothos/core';
import ComplexityPlugin, { ComplexityErrorKind } from '@pothos/plugin-complexity';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import RelayPlugin from '@pothos/plugin-relay';
import { createGraphQLError } from 'graphql-yoga';
import { fieldComplexity } from './complexity.js';
import { ConfigSchema } from './config.js';
import type { Context } from './context.js';
import { kindOfId, typeNameOfKind } from './kinds.js';

export interface Limits {
  depth: number;
  complexity: number;
}

const defaults = ConfigSchema.parse({});

/** The configured defaults until the server sets them from its config; read per request by the complexity plugin. */
export const limits: Limits = { depth: defaults.MAX_DEPTH, complexity: defaults.MAX_COMPLEXITY };

export const builder = new SchemaBuilder<{
  Context: Context;
  DefaultFieldNullability: false;
  Scalars: { ID: { Input: string; Output: string } };
}>({
  plugins: [ComplexityPlugin, RelayPlugin, DataloaderPlugin],
  defaultFieldNullability: false,
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // Ids are readable and already global ("partner/meituan"): the prefix names the type.
    encodeGlobalID: (_typename, id) => String(id),
    decodeGlobalID: (globalID) => {
      const kind = kindOfId(globalID);
      return { typename: kind ? typeNameOfKind(kind) : 'Unknown', id: globalID };
    },
    idFieldOptions: { description: 'Readable global id: "<kind>/<slug>", e.g. "partner/meituan".' },
    firstArgOptions: { description: 'Page size from the start (or after `after`): 0–100, default 20.' },
    afterArgOptions: { description: 'Return items after this cursor (a `pageInfo.endCursor` or edge `cursor`).' },
    lastArgOptions: { description: 'Page size from the end (or before `before`): 0–100.' },
    beforeArgOptions: { description: 'Return items before this cursor (a `pageInfo.startCursor` or edge `cursor`).' },
    cursorFieldOptions: { description: 'Opaque position of this item; pass it as `after` or `before`.' },
    nodeFieldOptions: { description: 'The item.' },
    edgesFieldOptions: { description: 'The items of this page, each with its cursor.' },
    pageInfoFieldOptions: { description: 'Whether there are more pages, and the cursors to get them.' },
    hasNextPageFieldOptions: { description: 'True when more items follow this page.' },
    hasPreviousPageFieldOptions: { description: 'True when items precede this page.' },
    startCursorFieldOptions: { description: 'Cursor of the first item of the page (null when empty).' },
    endCursorFieldOptions: { description: 'Cursor of the last item of the page (null when empty): pass it as `after`.' },
    nodeTypeOptions: {
      description: 'Anything with a global id. Ids are readable: "<kind>/<slug>", e.g. "partner/meituan".',
    },
    pageInfoTypeOptions: {
      description: 'Where a page of a connection stands; pass endCursor as `after` to get the next page.',
    },
    nodeQueryOptions: {
      description: 'The node with this id (e.g. "partner/meituan"), or null when there is none.',
      args: { id: { description: 'A readable id, e.g. "partner/meituan".' } },
      resolve: (_root, { id }, ctx) => ctx.loaders.entity.load(id.id),
    },
    nodesQueryOptions: {
      description: 'The nodes with these ids, in the same order; null where an id names nothing.',
      args: { ids: { description: 'Readable ids, e.g. ["partner/meituan", "partner/china-telecom"].' } },
      resolve: (_root, { ids }, ctx) => ids.map(({ id }) => ctx.loaders.entity.load(id)),
    },
  },
  complexity: {
    defaultComplexity: 1,
    defaultListMultiplier: 10,
    fieldComplexity,
    limit: () => ({ depth: limits.depth, complexity: limits.complexity }),
    // Normally the validation rule in src/http/security.ts rejects first; this is the same limit at execution.
    complexityError: (kind, r) =>
      kind === ComplexityErrorKind.Depth
        ? createGraphQLError(`The query is ${r.depth} levels deep; at most ${r.maxDepth} are allowed (MAX_DEPTH).`, {
            extensions: { code: 'DEPTH_LIMIT', limit: r.maxDepth },
          })
        : createGraphQLError(`The query's cost is ${r.complexity}; at most ${r.maxComplexity} is allowed (MAX_COMPLEXITY).`, {
            extensions: { code: 'COMPLEXITY_LIMIT', limit: r.maxComplexity },
          }),
  },
});

builder.queryType({ description: 'Read-only entry points into the China Unicom 2020 CSR knowledge graph.' });
