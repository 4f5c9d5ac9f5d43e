import type { Db } from '../../db/read.js';
import { EDGE_ATTRIBUTES, METRIC_VALUE_ATTRIBUTES, NODE_ATTRIBUTES, namesIn } from './attributes.js';
import { entitiesCsv, metricsCsv, relationsCsv } from './csv.js';
import { graphGraphml } from './graphml.js';
import { graphJson } from './json.js';
import type { Filters } from './rows.js';

/** One file of /export: what it is, its content type, the parameters it takes and its body. */
export interface ExportFile {
  description: string;
  contentType: string;
  params: (keyof Filters)[];
  body: (db: Db, filters: Filters, version: string) => Promise<ReadableStream<Uint8Array>>;
}

const CSV_TYPE = 'text/csv; charset=utf-8; header=present';

const EXPORT_FILES = {
  'graph.json': {
    description:
      'Node-link JSON as networkx.node_link_graph(data, edges="links") reads it: {directed, multigraph, graph, nodes: [{id, kind, nameZh, nameEn, ...}], links: [{source, target, key, type, year, ...}]}. Links only between exported nodes.',
    contentType: 'application/json; charset=utf-8',
    params: ['kinds', 'types'],
    body: graphJson,
  },
  'graph.graphml': {
    description:
      'GraphML with typed <key> declarations (Gephi, Cytoscape, networkx.read_graphml, yEd). Lists (aliases, evidenceLines) are joined with "|". Edge ids are the relationship ids.',
    contentType: 'application/graphml+xml; charset=utf-8',
    params: ['kinds', 'types'],
    body: graphGraphml,
  },
  'entities.csv': {
    description: `Entities, one a row: ${namesIn(NODE_ATTRIBUTES, 'csv').join(', ')}. Lists joined with "|"; evidenceQuote is the first quote.`,
    contentType: CSV_TYPE,
    params: ['kinds'],
    body: entitiesCsv,
  },
  'relations.csv': {
    description: `Relationships, one a row: ${namesIn(EDGE_ATTRIBUTES, 'csv').join(', ')}. With ?kinds=, both ends must be of those kinds.`,
    contentType: CSV_TYPE,
    params: ['kinds', 'types'],
    body: relationsCsv,
  },
  'metrics.csv': {
    description: `Metric values in long format, one (metric, year) a row: ${namesIn(METRIC_VALUE_ATTRIBUTES, 'csv').join(', ')}. value is empty where the report prints no number (see printed).`,
    contentType: CSV_TYPE,
    params: ['categories'],
    body: metricsCsv,
  },
} satisfies Record<string, ExportFile>;

/** The export files by name: a Map, so that a name such as `__proto__` or `constructor` finds nothing. */
export const EXPORTS: ReadonlyMap<string, ExportFile> = new Map(Object.entries(EXPORT_FILES));
