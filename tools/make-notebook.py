"""Writes examples/notebook.ipynb from the cells below (edit here, then run: .venv-notebook/bin/python tools/make-notebook.py)."""
import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

cells = [
    new_markdown_cell("""# unicom-kg from a notebook

China Unicom's 2020 CSR report as a knowledge graph, read from the unicom-kg server with `requests`,
`pandas`, `matplotlib` and `networkx`. Start the server first (`npm start`); set `UNICOM_KG_URL` if it is
not at http://localhost:4000. Exports are documented at `/export`."""),
    new_code_cell("""import io
import os

import matplotlib

matplotlib.use("Agg")  # no display needed; remove to plot inline in Jupyter
import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd
import requests

BASE = os.environ.get("UNICOM_KG_URL", "http://localhost:4000").rstrip("/")


def gql(query, **variables):
    \"\"\"Runs a GraphQL query (POST) and returns its data; raises on errors.\"\"\"
    r = requests.post(f"{BASE}/graphql", json={"query": query, "variables": variables}, timeout=30)
    r.raise_for_status()
    body = r.json()
    if body.get("errors"):
        raise RuntimeError(body["errors"])
    return body["data"]


stats = gql("{ stats { entities relations version } }")["stats"]
print(stats)
assert stats["entities"] > 1000"""),
    new_markdown_cell("## GraphQL over GET: a showcase query by its persisted id (cacheable, with an ETag)"),
    new_code_cell("""r = requests.get(f"{BASE}/graphql", params={"id": "fourGBaseStations"}, timeout=30)
r.raise_for_status()
print(r.headers.get("Cache-Control"), r.headers.get("ETag"))
metric = r.json()["data"]["metric"]
print(metric["nameZh"], metric["unit"], [(v["year"], v["printed"]) for v in metric["values"]])
assert [v["value"] for v in metric["values"]] == [98.7, 141, 150.3]"""),
    new_markdown_cell("## Metrics into pandas (long format CSV; the UTF-8 BOM needs `encoding='utf-8-sig'`)"),
    new_code_cell("""resp = requests.get(f"{BASE}/export/metrics.csv", timeout=60)
resp.raise_for_status()
assert resp.headers["Content-Type"].startswith("text/csv")
metrics = pd.read_csv(io.BytesIO(resp.content), encoding="utf-8-sig")
print(metrics.shape)
print(metrics.columns.tolist())
assert {"metric", "category", "year", "value", "printed", "unit"} <= set(metrics.columns)
assert len(metrics) > 500
wide = metrics.pivot_table(index=["metric", "nameZh", "unit"], columns="year", values="value")
wide.head()"""),
    new_markdown_cell("## Plot one metric series with matplotlib"),
    new_code_cell("""series = metrics[metrics["metric"] == "metric/4g-base-stations-in-service"].sort_values("year")
assert series["value"].tolist() == [98.7, 141.0, 150.3]
fig, ax = plt.subplots(figsize=(5, 3))
ax.plot(series["year"], series["value"], marker="o")
ax.set_xticks(series["year"])
ax.set_title(series["nameEn"].iloc[0])  # the unit, 萬個 (10,000s), needs a CJK font to draw
ax.set_xlabel("year")
ax.set_ylabel("10,000 stations")
fig.tight_layout()
out = os.environ.get("NOTEBOOK_OUTPUT_DIR", ".")
fig.savefig(os.path.join(out, "4g-base-stations.png"), dpi=100)
plt.close(fig)"""),
    new_markdown_cell("## The whole graph into networkx (node-link JSON) and partners ranked by centrality"),
    new_code_cell("""data = requests.get(f"{BASE}/export/graph.json", timeout=60).json()
# networkx 3.4 renamed the list key; the export uses "links", so say so explicitly.
G = nx.node_link_graph(data, edges="links")
print(G)
assert G.is_directed() and G.is_multigraph()
assert G.number_of_nodes() > 1000
assert G.number_of_edges() > 1000
assert G.nodes["partner/meituan"]["nameZh"] == "美團"

U = nx.Graph(G)  # undirected, simple: for centrality
centrality = nx.betweenness_centrality(U)
degree = nx.degree_centrality(U)
partners = pd.DataFrame(
    [
        {"id": n, "nameZh": d["nameZh"], "nameEn": d.get("nameEn"), "sector": d.get("sector"),
         "degree": degree[n], "betweenness": centrality[n]}
        for n, d in G.nodes(data=True) if d["kind"] == "PARTNER"
    ]
).sort_values(["betweenness", "degree"], ascending=False)
assert len(partners) > 50
partners.head(10)"""),
    new_markdown_cell("## Filtered exports: only partners, programs and the company, linked by partnership and participation"),
    new_code_cell("""params = {"kinds": "PARTNER,PROGRAM,COMPANY", "types": "PARTNERS_WITH,PARTICIPATES_IN,RUNS"}
sub = nx.node_link_graph(requests.get(f"{BASE}/export/graph.json", params=params, timeout=60).json(), edges="links")
assert {d["kind"] for _, d in sub.nodes(data=True)} == {"PARTNER", "PROGRAM", "COMPANY"}
assert {d["type"] for *_, d in sub.edges(data=True)} <= {"PARTNERS_WITH", "PARTICIPATES_IN", "RUNS"}
print(sub)

bad = requests.get(f"{BASE}/export/graph.json", params={"kinds": "PARTNERZ"}, timeout=30)
assert bad.status_code == 400, bad.status_code
print(bad.json()["error"]["message"])"""),
    new_markdown_cell("## GraphML (Gephi, Cytoscape) and the CSV tables parse too"),
    new_code_cell("""graphml = requests.get(f"{BASE}/export/graph.graphml", timeout=60)
H = nx.read_graphml(io.BytesIO(graphml.content))
assert H.number_of_nodes() == G.number_of_nodes() and H.number_of_edges() == G.number_of_edges()
assert isinstance(H.nodes["partner/meituan"]["degree"], int)

entities = pd.read_csv(io.BytesIO(requests.get(f"{BASE}/export/entities.csv", timeout=60).content), encoding="utf-8-sig")
relations = pd.read_csv(io.BytesIO(requests.get(f"{BASE}/export/relations.csv", timeout=60).content), encoding="utf-8-sig")
assert len(entities) == G.number_of_nodes() and len(relations) == G.number_of_edges()
assert entities.set_index("id").loc["partner/meituan", "nameZh"] == "美團"
relations.groupby("type").size().sort_values(ascending=False).head()"""),
    new_markdown_cell("## One fact and its evidence: who partners with 美團, and where the report says so"),
    new_code_cell("""fact = gql(\"\"\"
query ($id: ID!) {
  entity(id: $id) {
    nameZh nameEn
    relations(types: ["PARTNERS_WITH"]) {
      edges { type label year node { nameZh } evidence { line quote section } }
    }
  }
}\"\"\", id="partner/meituan")["entity"]
edge = fact["relations"]["edges"][0]
print(f'{edge["node"]["nameZh"]} —{edge["type"]} ({edge["label"]}, {edge["year"]})→ {fact["nameZh"]}')
for ev in edge["evidence"]:
    print(f'  line {ev["line"]} [{ev["section"]}]: 「{ev["quote"]}」')
assert edge["evidence"] and all(ev["line"] > 0 and ev["quote"] for ev in edge["evidence"])"""),
]

nb = new_notebook(cells=cells, metadata={
    "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
    "language_info": {"name": "python"},
})
nbformat.validate(nb)
nbformat.write(nb, "examples/notebook.ipynb")
print("wrote examples/notebook.ipynb")
