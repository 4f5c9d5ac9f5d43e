import type { Db } from '../../db/read.js';
import { type Attribute, attributesIn, EDGE_ATTRIBUTES, joinedList, NODE_ATTRIBUTES } from './attributes.js';
import { GRAPH_DESCRIPTION } from './description.js';
import { entityPages, type Filters, relationPages } from './rows.js';
import { slices, textStream } from './stream.js';

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

/**
 * Escapes as xmlbuilder2 did when it wrote this file (so the bytes stay the same): `&` unless it already
 * starts one of the five predefined entities, `<`, `>`, and `"` in attribute values.
 */
const AMP = /&(?!(lt|gt|amp|apos|quot);)/g;
const escText = (s: string) => s.replace(AMP, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escAttr = (s: string) => escText(s).replace(/"/g, '&quot;');

const NL = '\n';
const indent = (level: number) => '  '.repeat(level);

/** An element with attributes on one line, at `level`; self-closing. */
const empty = (level: number, name: string, attrs: Record<string, string>) =>
  `${NL}${indent(level)}<${name}${Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${escAttr(v)}"`)
    .join('')}/>`;

/** A <node> or <edge> with its <data> children, one per attribute with a value (self-closing when none). */
function element<Row>(name: 'node' | 'edge', attrs: Record<string, string>, prefix: 'n' | 'e', table: readonly Attribute<Row>[], row: Row) {
  let children = '';
  for (const a of table) {
    const v = graphmlValue(a.value(row));
    if (v !== null) children += `${NL}${indent(3)}<data key="${escAttr(`${prefix}_${a.name}`)}">${escText(v)}</data>`;
  }
  if (children === '') return empty(2, name, attrs);
  const open = `${NL}${indent(2)}<${name}${Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${escAttr(v)}"`)
    .join('')}>`;
  return `${open}${children}${NL}${indent(2)}</${name}>`;
}

/**
 * graph.graphml: typed <key> declarations, then the nodes and edges, streamed page by page. Written as
 * strings, in the layout xmlbuilder2's pretty printer gave it: that builder took ~2 ms of CPU a row
 * (6 s for the whole graph, up to 4 s of one page without a turn for any other request).
 */
export async function graphGraphml(db: Db, f: Filters, version: string): Promise<ReadableStream<Uint8Array>> {
  const nodes = await entityPages(db, f);
  async function* chunks() {
    const root = {
      xmlns: 'http://graphml.graphdrawing.org/xmlns',
      'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      'xsi:schemaLocation': 'http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd',
    };
    let head = '<?xml version="1.0" encoding="UTF-8"?>';
    head += `${NL}<graphml${Object.entries(root)
      .map(([k, v]) => ` ${k}="${escAttr(v)}"`)
      .join('')}>`;
    head += `${NL}${indent(1)}<!-- ${GRAPH_DESCRIPTION}; graph version ${version} -->`;
    for (const k of NODE) head += empty(1, 'key', { id: `n_${k.name}`, for: 'node', 'attr.name': k.name, 'attr.type': k.type });
    for (const k of EDGE) head += empty(1, 'key', { id: `e_${k.name}`, for: 'edge', 'attr.name': k.name, 'attr.type': k.type });
    // The <graph> tag is closed by what follows: `>` before its first child, or `/>` when it has none.
    head += `${NL}${indent(1)}<graph id="unicom-kg" edgedefault="directed"`;
    let open = '>';
    const body = (text: string) => {
      if (text === '') return '';
      const out = open + text;
      open = '';
      return out;
    };
    yield head;
    for await (const page of nodes)
      for (const rows of slices(page)) yield body(rows.map((r) => element('node', { id: r.entity.id }, 'n', NODE, r)).join(''));
    for await (const page of relationPages(db, f))
      for (const rows of slices(page))
        yield body(rows.map((r) => element('edge', { id: r.id, source: r.source, target: r.target }, 'e', EDGE, r)).join(''));
    yield `${open === '' ? `${NL}${indent(1)}</graph>` : '/>'}${NL}</graphml>\n`;
  }
  return textStream(chunks());
}
