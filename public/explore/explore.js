/* unicom-kg explorer: search → neighbourhood (cytoscape.js) → click to expand → evidence panel.
   Plain browser JavaScript, no build step; talks only to this server's /graphql. */
'use strict';

const KIND_COLOURS = {
  COMPANY: '#c8102e',
  UNIT: '#e57373',
  SUBSIDIARY: '#ad1457',
  BRANCH: '#f06292',
  REGION: '#2e7d32',
  PROGRAM: '#1565c0',
  PRODUCT: '#00838f',
  PARTNER: '#ef6c00',
  ORGANIZATION: '#6d4c41',
  AWARD: '#f9a825',
  PERSON: '#6a1b9a',
  EVENT: '#5c6bc0',
  PUBLICATION: '#546e7a',
  METRIC: '#7cb342',
};
const colour = (kind) => KIND_COLOURS[kind] || '#888';

const Q_SEARCH = `query ExploreSearch($q: String!) {
  search(query: $q, first: 12) { score matched entity { id kind nameZh nameEn } }
}`;
const Q_NEIGHBORHOOD = `query ExploreNeighborhood($id: ID!, $limit: Int) {
  neighborhood(id: $id, depth: 1, limit: $limit) {
    nodes { id kind nameZh nameEn degree }
    edges { id source target type year label }
    truncated
  }
}`;
const Q_ENTITY = `query ExploreEntity($id: ID!) {
  entity(id: $id) {
    id kind nameZh nameEn aliases description degree
    evidence { line quote section }
    mentions(first: 3) { totalCount edges { node { line text } } }
    ... on Metric { unit category values { year value printed evidence { line quote } } }
  }
}`;

async function gql(query, variables) {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors && body.errors.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data;
}

/** A DOM element with attributes and children (strings become text nodes: never HTML). */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null) continue;
    if (k === 'style') el.style.cssText = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v);
  }
  for (const c of children.flat()) if (c != null) el.append(c instanceof Node ? c : String(c));
  return el;
}
const kindBadge = (kind) => h('span', { class: 'kind', style: `background:${colour(kind)}` }, kind);

const $ = (sel) => document.querySelector(sel);
const status = (text) => {
  $('#status').textContent = text;
};

const cy = cytoscape({
  container: $('#cy'),
  wheelSensitivity: 0.3,
  style: [
    {
      selector: 'node',
      style: {
        'background-color': 'data(colour)',
        label: 'data(label)',
        'font-size': 10,
        'min-zoomed-font-size': 7,
        'text-valign': 'bottom',
        'text-margin-y': 3,
        'text-wrap': 'ellipsis',
        'text-max-width': 110,
        width: 'mapData(degree, 0, 60, 16, 44)',
        height: 'mapData(degree, 0, 60, 16, 44)',
        'border-width': 1,
        'border-color': '#fff',
      },
    },
    { selector: 'node.expanded', style: { 'border-width': 3, 'border-color': '#1d2330' } },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#ffb300' } },
    {
      selector: 'edge',
      style: {
        width: 1.2,
        'line-color': '#b9c0cc',
        'target-arrow-color': '#b9c0cc',
        'target-arrow-shape': 'triangle',
        'curve-style': 'bezier',
        label: 'data(type)',
        'font-size': 7,
        'min-zoomed-font-size': 9,
        color: '#7a8394',
        'text-rotation': 'autorotate',
      },
    },
  ],
});
window.explore = { cy };

function updateStatus(extra) {
  const n = cy.nodes().length;
  const e = cy.edges().length;
  status(`${n} nodes · ${e} edges${extra ? ` · ${extra}` : ''}`);
  $('#legend').replaceChildren(...[...new Set(cy.nodes().map((x) => x.data('kind')))].sort().map(kindBadge));
}

/** Adds a neighbourhood to the graph (keeping what is there) and lays it out again. */
async function expand(id) {
  status(`Loading the neighbourhood of ${id} …`);
  const data = await gql(Q_NEIGHBORHOOD, { id, limit: 40 });
  const nb = data.neighborhood;
  if (!nb) {
    status(`No entity ${id}`);
    return;
  }
  const centre = cy.getElementById(id);
  const origin = centre.nonempty() ? centre.position() : { x: 0, y: 0 };
  const added = [];
  for (const n of nb.nodes) {
    if (cy.getElementById(n.id).nonempty()) continue;
    added.push({
      group: 'nodes',
      data: { id: n.id, kind: n.kind, label: n.nameZh, nameEn: n.nameEn, degree: n.degree, colour: colour(n.kind) },
      position: { x: origin.x + (Math.random() - 0.5) * 60, y: origin.y + (Math.random() - 0.5) * 60 },
    });
  }
  for (const e of nb.edges) {
    if (cy.getElementById(e.id).nonempty()) continue;
    added.push({ group: 'edges', data: { id: e.id, source: e.source, target: e.target, type: e.type, year: e.year } });
  }
  cy.add(added);
  cy.getElementById(id).addClass('expanded');
  const layout = cy.layout({ name: 'cose', animate: false, randomize: false, nodeRepulsion: () => 9000, idealEdgeLength: () => 90 });
  await new Promise((resolve) => {
    layout.one('layoutstop', resolve);
    layout.run();
  });
  cy.fit(undefined, 30);
  const newNodes = added.filter((a) => a.group === 'nodes').length;
  updateStatus(`+${newNodes} from ${nb.nodes[0] ? nb.nodes[0].nameZh : id}${nb.truncated ? ' (truncated)' : ''}`);
  document.body.dataset.expanded = String(cy.nodes('.expanded').length);
}

/** A small inline SVG bar chart of a metric's yearly values. */
function chart(values, unit) {
  const pts = values.filter((v) => typeof v.value === 'number');
  if (pts.length === 0) return h('p', { class: 'hint' }, 'No numeric values to chart.');
  const W = 360;
  const H = 150;
  const pad = { l: 10, r: 10, t: 18, b: 22 };
  const max = Math.max(...pts.map((p) => p.value), 0);
  const min = Math.min(...pts.map((p) => p.value), 0);
  const span = max - min || 1;
  const bw = (W - pad.l - pad.r) / pts.length;
  const y = (v) => pad.t + ((max - v) / span) * (H - pad.t - pad.b);
  const ns = 'http://www.w3.org/2000/svg';
  const s = (tag, attrs, text) => {
    const el = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
    if (text != null) el.textContent = text;
    return el;
  };
  const svg = s('svg', { class: 'chart', width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `values per year (${unit || ''})` });
  svg.append(s('line', { class: 'axis', x1: pad.l, x2: W - pad.r, y1: y(0), y2: y(0) }));
  pts.forEach((p, i) => {
    const x = pad.l + i * bw + bw * 0.2;
    const top = Math.min(y(p.value), y(0));
    const height = Math.max(1, Math.abs(y(p.value) - y(0)));
    svg.append(s('rect', { class: 'bar', x, y: top, width: bw * 0.6, height }));
    svg.append(s('text', { x: x + bw * 0.3, y: top - 4, 'text-anchor': 'middle' }, p.printed));
    svg.append(s('text', { x: x + bw * 0.3, y: H - 6, 'text-anchor': 'middle' }, String(p.year)));
  });
  return svg;
}

/** Shows an entity's names, evidence (with line numbers) and, for a metric, its values. */
async function showPanel(id) {
  const panel = $('#panel');
  panel.replaceChildren(h('p', { class: 'hint' }, `Loading ${id} …`));
  const { entity: e } = await gql(Q_ENTITY, { id });
  if (!e) {
    panel.replaceChildren(h('p', { class: 'hint' }, `No entity ${id}.`));
    return;
  }
  const parts = [
    kindBadge(e.kind),
    h('h2', { id: 'entity-name' }, e.nameZh),
    e.nameEn ? h('div', { class: 'en' }, e.nameEn) : null,
    e.aliases.length ? h('div', { class: 'aliases' }, `Also: ${e.aliases.join(' · ')}`) : null,
    e.description ? h('p', {}, e.description) : null,
    h('div', { class: 'en' }, `${e.id} · ${e.degree} relationships · named on ${e.mentions.totalCount} lines`),
  ];
  if (e.kind === 'METRIC' && e.values) {
    parts.push(h('h3', {}, `Values${e.unit ? ` (${e.unit})` : ''}`), chart(e.values, e.unit));
    parts.push(
      h(
        'table',
        { class: 'values' },
        h('tr', {}, h('th', {}, 'year'), h('th', {}, 'printed'), h('th', {}, 'line')),
        e.values.map((v) => h('tr', {}, h('td', {}, v.year), h('td', {}, v.printed), h('td', {}, `L${v.evidence.line}`))),
      ),
    );
  }
  parts.push(h('h3', {}, `Evidence (${e.evidence.length})`));
  const ev = e.evidence.length
    ? e.evidence
    : e.mentions.edges.map((m) => ({ line: m.node.line, quote: m.node.text, section: null }));
  parts.push(
    h(
      'ul',
      { class: 'evidence', id: 'evidence' },
      ev.map((x) =>
        h(
          'li',
          { 'data-line': x.line },
          h('span', { class: 'line' }, `line ${x.line}`, x.section ? h('span', { class: 'section' }, ` · ${x.section}`) : null),
          `「${x.quote}」`,
        ),
      ),
    ),
  );
  panel.replaceChildren(...parts.filter(Boolean));
  panel.dataset.entity = e.id;
}

async function pick(id) {
  $('#results').replaceChildren();
  cy.elements().remove();
  await Promise.all([expand(id), showPanel(id)]);
  cy.getElementById(id).select();
  history.replaceState(null, '', `/explore#${encodeURIComponent(id)}`);
}

let searchSeq = 0;
async function runSearch(q) {
  const seq = ++searchSeq;
  if (!q.trim()) {
    $('#results').replaceChildren();
    return;
  }
  const data = await gql(Q_SEARCH, { q });
  if (seq !== searchSeq) return;
  $('#results').replaceChildren(
    ...data.search.map((hit) =>
      h(
        'li',
        {},
        h(
          'button',
          { type: 'button', 'data-id': hit.entity.id, onclick: () => pick(hit.entity.id).catch(fail) },
          kindBadge(hit.entity.kind),
          h('strong', {}, hit.entity.nameZh),
          hit.entity.nameEn ? h('span', { class: 'en' }, hit.entity.nameEn) : null,
        ),
      ),
    ),
  );
  if (data.search.length === 0) $('#results').replaceChildren(h('li', { class: 'hint' }, h('button', { type: 'button', disabled: '' }, 'No match')));
}

function fail(err) {
  status(`Error: ${err.message}`);
}

let timer;
$('#search').addEventListener('input', (ev) => {
  clearTimeout(timer);
  timer = setTimeout(() => runSearch(ev.target.value).catch(fail), 200);
});
$('#search-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const first = $('#results button[data-id]');
  if (first) first.click();
  else runSearch($('#search').value).catch(fail);
});
cy.on('tap', 'node', (ev) => {
  const id = ev.target.id();
  showPanel(id).catch(fail);
  if (!ev.target.hasClass('expanded')) expand(id).catch(fail);
});

if (location.hash.length > 1) pick(decodeURIComponent(location.hash.slice(1))).catch(fail);
