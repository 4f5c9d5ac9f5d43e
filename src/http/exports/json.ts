import type { Db } from '../../db/read.js';
import { type Attribute, attributesIn, EDGE_ATTRIBUTES, NODE_ATTRIBUTES } from './attributes.js';
import { GRAPH_DESCRIPTION } from './description.js';
import { type EntityRow, entityPages, type Filters, type RelationRow, relationPages } from './rows.js';
import { compact, slices, textStream } from './stream.js';

const NODE = attributesIn(NODE_ATTRIBUTES, 'json');
const LINK = attributesIn(EDGE_ATTRIBUTES, 'json');

const values = <Row>(attrs: readonly Attribute<Row>[], row: Row) => compact(Object.fromEntries(attrs.map((a) => [a.name, a.value(row)])));

/** A node of graph.json: its id, then its attributes without the absent ones. */
export const jsonNode = (r: EntityRow) => ({ id: r.entity.id, ...values(NODE, r) });
/** A link of graph.json: its ends and key (the relationship id), then its attributes without the absent ones. */
export const jsonLink = (r: RelationRow) => ({ source: r.source, target: r.target, key: r.id, ...values(LINK, r) });

/** graph.json: node-link JSON as networkx reads it, streamed node page by node page, then link page by link page. */
export async function graphJson(db: Db, f: Filters, version: string): Promise<ReadableStream<Uint8Array>> {
  const nodes = await entityPages(db, f);
  async function* chunks() {
    const graph = { name: 'unicom-kg', description: GRAPH_DESCRIPTION, version, kinds: f.kinds, types: f.types };
    yield `{"directed":true,"multigraph":true,"graph":${JSON.stringify(compact(graph))},\n"nodes":[\n`;
    let sep = '';
    for await (const page of nodes)
      for (const rows of slices(page)) {
        yield sep + rows.map((r) => JSON.stringify(jsonNode(r))).join(',\n');
        sep = ',\n';
      }
    yield '\n],\n"links":[\n';
    sep = '';
    for await (const page of relationPages(db, f))
      for (const rows of slices(page)) {
        yield sep + rows.map((r) => JSON.stringify(jsonLink(r))).join(',\n');
        sep = ',\n';
      }
    yield '\n]}\n';
  }
  return textStream(chunks());
}
