/** The graph's description in graph.json and graph.graphml. */
export const GRAPH_DESCRIPTION =
  'China Unicom (Hong Kong) 2020 CSR report knowledge graph (unicom-kg); evidence lines refer to seed/source/china-unicom-csr-2020.zh-Hant.txt';
