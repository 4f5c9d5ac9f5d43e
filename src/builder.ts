import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import RelayPlugin from '@pothos/plugin-relay';
import type { Context } from './context.js';
import { kindOfId, typeNameOfKind } from './kinds.js';

export interface Limits {
  depth: number;
  complexity: number;
}

/** Set by the server from its config before the first request; read per request by the complexity plugin. */
export const limits: Limits = { depth: 12, complexity: 5_000 };

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
    nodeTypeOptions: {
      description: 'Anything with a global id. Ids are readable: "<kind>/<slug>", e.g. "partner/meituan".',
    },
    pageInfoTypeOptions: {
      description: 'Where a page of a connection stands; pass endCursor as `after` to get the next page.',
    },
    nodeQueryOptions: {
      description: 'The node with this id (e.g. "partner/meituan"), or null when there is none.',
      resolve: (_root, { id }, ctx) => ctx.loaders.entity.load(id.id),
    },
    nodesQueryOptions: {
      description: 'The nodes with these ids, in the same order; null where an id names nothing.',
      resolve: (_root, { ids }, ctx) => ids.map(({ id }) => ctx.loaders.entity.load(id)),
    },
  },
  complexity: {
    defaultComplexity: 1,
    defaultListMultiplier: 10,
    limit: () => ({ depth: limits.depth, complexity: limits.complexity }),
  },
});

builder.queryType({ description: 'Read-only entry points into the China Unicom 2020 CSR knowledge graph.' });
