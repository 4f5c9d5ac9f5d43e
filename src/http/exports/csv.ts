import { pipeline, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { Db } from '../../db/read.js';
import { type Attribute, attributesIn, EDGE_ATTRIBUTES, joinedList, METRIC_VALUE_ATTRIBUTES, NODE_ATTRIBUTES } from './attributes.js';
import { entityPages, type Filters, metricValuePages, relationPagesNow } from './rows.js';

/** One CSV record of a row: each attribute's value, lists joined with "|". */
export function csvRecord<Row>(attrs: readonly Attribute<Row>[], row: Row): Record<string, unknown> {
  return Object.fromEntries(attrs.map((a) => [a.name, joinedList(a.value(row))]));
}

/** CSV through csv-stringify's stream: header row, UTF-8 BOM (so Excel shows Chinese), RFC 4180 quoting. */
function csvStream<Row>(table: readonly Attribute<Row>[], rows: AsyncGenerator<Row[]>): ReadableStream<Uint8Array> {
  const attrs = attributesIn(table, 'csv');
  async function* records() {
    for await (const page of rows) for (const row of page) yield csvRecord(attrs, row);
  }
  const columns = attrs.map((a) => a.name);
  const out = stringify({ header: true, bom: true, columns, cast: { boolean: (b) => String(b) } });
  pipeline(Readable.from(records()), out, () => {});
  return Readable.toWeb(out) as unknown as ReadableStream<Uint8Array>;
}

export const entitiesCsv = async (db: Db, f: Filters) => csvStream(NODE_ATTRIBUTES, await entityPages(db, f));
export const relationsCsv = async (db: Db, f: Filters) => csvStream(EDGE_ATTRIBUTES, await relationPagesNow(db, f));
export const metricsCsv = async (db: Db, f: Filters) => csvStream(METRIC_VALUE_ATTRIBUTES, await metricValuePages(db, f));
