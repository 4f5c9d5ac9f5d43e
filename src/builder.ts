import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import RelayPlugin from '@pothos/plugin-relay';
import { fieldComplexity } from './complexity.js';
import type { Context } from './context.js';
import { kindOfId, typeNameOfKind } from './model/index.js';
import { compileSelection } from './translate/index.js';

export const builder = new SchemaBuilder<{
  Context: Context;
  DefaultFieldNullability: false;
  Scalars: { ID: { Input: string; Output: string } };
  // Every connection's page carries a lazy total (src/schema/pagination.ts), so `totalCount` fields are typed.
  Connection: { totalCount: () => number | Promise<number> };
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
      // One statement for the selection (src/translate), batched across aliases asking the same one.
      resolve: (_root, { id }, ctx, info) => ctx.loaders.compiled(compileSelection(info), info.variableValues).load(id.id),
    },
    nodesQueryOptions: {
      description: 'The nodes with these ids, in the same order; null where an id names nothing.',
      args: { ids: { description: 'Readable ids, e.g. ["partner/meituan", "partner/china-telecom"].' } },
      resolve: (_root, { ids }, ctx, info) => {
        const loader = ctx.loaders.compiled(compileSelection(info), info.variableValues);
        return ids.map(({ id }) => loader.load(id));
      },
    },
  },
  complexity: {
    defaultComplexity: 1,
    defaultListMultiplier: 10,
    fieldComplexity,
    // No `limit` here: depth and cost are checked per request, with the request's variables and the
    // configured limits, before execution (src/http/limits/cost.ts).
  },
});

builder.queryType({ description: 'Read-only entry points into the China Unicom 2020 CSR knowledge graph.' });
