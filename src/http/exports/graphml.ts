import { createCB } from 'xmlbuilder2';
import type { Db } from '../../db/read.js';
import { type Attribute, attributesIn, EDGE_ATTRIBUTES, joinedList, NODE_ATTRIBUTES } from './attributes.js';
import { GRAPH_DESCRIPTION } from './description.js';
import { entityPages, type Filters, relationPages } from './rows.js';
import { textStream } from './stream.js';

const NODE = attributesIn(NODE_ATTRIBUTES, 'graphml');
const EDGE = attributesIn(EDGE_ATTRIBUTES, 'graphml');

/** Strips characters XML 1.0 forbids (the PDF text has a few control characters). */
export function xmlSafe(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if ((c >= 0x20 && c !== 0xfffe && c !== 0xffff) || c === 0x09 || c === 0x0a || c === 0x0d) out += ch;
  }
  return out;
}

/** Values of one GraphML <data> element: lists joined with '|', absent values left out. */
export function graphmlValue(v: unknown): string | null {
  const joined = joinedList(v);
  return joined === null || joined === undefined ? null : xmlSafe(String(joined));
}

/** The <data> children of a <node> or <edge>, one per attribute with a value. */
function data<Row>(xml: ReturnType<typeof createCB>, prefix: 'n' | 'e', attrs: readonly Attribute<Row>[], row: Row) {
  for (const a of attrs) {
    const v = graphmlValue(a.value(row));
    if (v !== null)
      xml
        .ele('data', { key: `${prefix}_${a.name}` })
        .txt(v)
        .up();
  }
}

/** graph.graphml: typed <key> declarations, then the nodes and edges, streamed page by page. */
export async function graphGraphml(db: Db, f: Filters, version: string): Promise<ReadableStream<Uint8Array>> {
  const nodes = await entityPages(db, f);
  async function* chunks() {
    let buffer: string[] = [];
    const xml = createCB({ prettyPrint: true, data: (chunk: string) => void buffer.push(chunk) });
    const take = () => {
      const out = buffer.join('');
      buffer = [];
      return out;
    };
    xml.dec({ version: '1.0', encoding: 'UTF-8' }).ele('graphml', {
      xmlns: 'http://graphml.graphdrawing.org/xmlns',
      'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      'xsi:schemaLocation': 'http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd',
    });
    xml.com(` ${GRAPH_DESCRIPTION}; graph version ${version} `);
    for (const k of NODE) xml.ele('key', { id: `n_${k.name}`, for: 'node', 'attr.name': k.name, 'attr.type': k.type }).up();
    for (const k of EDGE) xml.ele('key', { id: `e_${k.name}`, for: 'edge', 'attr.name': k.name, 'attr.type': k.type }).up();
    xml.ele('graph', { id: 'unicom-kg', edgedefault: 'directed' });
    for await (const page of nodes) {
      for (const r of page) {
        xml.ele('node', { id: r.entity.id });
        data(xml, 'n', NODE, r);
        xml.up();
      }
      yield take();
    }
    for await (const page of relationPages(db, f)) {
      for (const r of page) {
        xml.ele('edge', { id: r.id, source: r.source, target: r.target });
        data(xml, 'e', EDGE, r);
        xml.up();
      }
      yield take();
    }
    xml.up().up().end();
    yield `${take()}\n`;
  }
  return textStream(chunks());
}
