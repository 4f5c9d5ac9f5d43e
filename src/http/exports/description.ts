import { REPORT } from '../../model/index.js';

/** The graph's description in graph.json and graph.graphml. */
export const GRAPH_DESCRIPTION = `${REPORT.title} knowledge graph (unicom-kg); evidence lines refer to ${REPORT.sourceFile}`;
