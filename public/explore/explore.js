/* unicom-kg explorer: search → an entity's relations (cytoscape.js, fcose layout) → click to expand, page with
   "show more", filter, hide, pin, collapse, find paths, export, and a URL that reopens the view.
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
/** The group's listed company: linked to almost everything, so paths may route around it. */
const HUB = 'company/china-unicom-hk';
/** Relations fetched per "show more" (the API pages at most 100 at a time). */
const PAGE = 50;
const API_PAGE_MAX = 100;
/** Canvas labels: a CJK face first, so Chinese draws as glyphs where the machine has one. */
const LABEL_FONT = '"Noto Sans CJK TC", "Noto Sans TC", "PingFang TC", "Microsoft JhengHei", "Noto Sans CJK SC", system-ui, sans-serif';

const Q_SEARCH = `query ExploreSearch($q: String!) {
  search(query: $q, first: 12) { score matched entity { id kind nameZh nameEn } }
}`;
const Q_RELATIONS = `query ExploreRelations($id: ID!, $first: Int!, $after: String) {
  entity(id: $id) {
    id kind nameZh nameEn degree
    relations(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        id type direction year label derivation rule
        evidence { line lineEnd quote section sentence { id text } }
        node { id kind nameZh nameEn degree }
      }
    }
  }
}`;
const Q_EDGE = `query ExploreEdge($id: ID!, $types: [String!], $kinds: [EntityKind!], $after: String) {
  entity(id: $id) {
    relations(types: $types, kinds: $kinds, direction: OUT, first: 100, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { id type year date label kind share role derivation rule evidence { line lineEnd quote section sentence { id text } } }
    }
  }
}`;
const Q_PATHS = `query ExplorePaths($from: ID!, $to: ID!, $avoidHubs: Boolean) {
  paths(from: $from, to: $to, maxLength: 5, first: 3, avoidHubs: $avoidHubs) {
    length
    nodes { id kind nameZh nameEn degree }
    edges { id source target type year label derivation rule evidence { line lineEnd quote section sentence { id text } } }
  }
}`;
const Q_THEMES = `query ExploreThemes {
  entities(kinds: [THEME], first: 100) { edges { node { id nameZh nameEn degree } } }
}`;
const Q_ENTITY = `query ExploreEntity($id: ID!) {
  entity(id: $id) {
    id kind nameZh nameEn aliases description degree
    evidence { line lineEnd quote section sentence { id text } }
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
    if (v == null || v === false) continue;
    if (k === 'style') el.style.cssText = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c != null) el.append(c instanceof Node ? c : String(c));
  return el;
}
const kindBadge = (kind) => h('span', { class: 'kind', style: `background:${colour(kind)}` }, kind);

const $ = (sel) => document.querySelector(sel);
const status = (text) => {
  $('#status').textContent = text;
};
function fail(err) {
  status(`Error: ${err.message}`);
}

// cytoscape-fcose and cytoscape-svg register themselves with the global cytoscape when their scripts load.

const cy = cytoscape({
  container: $('#cy'),
  wheelSensitivity: 0.3,
  style: [
    {
      selector: 'node',
      style: {
        'background-color': 'data(colour)',
        label: 'data(label)',
        'font-family': LABEL_FONT,
        'font-size': 10,
        'min-zoomed-font-size': 6,
        'text-valign': 'bottom',
        'text-margin-y': 3,
        'text-wrap': 'ellipsis',
        'text-max-width': 110,
        'text-background-color': '#f6f7f9',
        'text-background-opacity': 0.8,
        'text-background-padding': 1,
        width: 'mapData(degree, 0, 60, 16, 44)',
        height: 'mapData(degree, 0, 60, 16, 44)',
        'border-width': 1,
        'border-color': '#fff',
      },
    },
    { selector: 'node.expanded', style: { 'border-width': 3, 'border-color': '#1d2330' } },
    { selector: 'node.pinned', style: { shape: 'round-rectangle' } },
    { selector: 'node.path', style: { 'border-width': 4, 'border-color': '#ff6f00' } },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#ffb300' } },
    { selector: '.filtered', style: { display: 'none' } },
    {
      selector: 'edge',
      style: {
        width: 1.2,
        'line-color': '#b9c0cc',
        'target-arrow-color': '#b9c0cc',
        'target-arrow-shape': 'triangle',
        'curve-style': 'bezier',
        label: 'data(type)',
        'font-family': LABEL_FONT,
        'font-size': 7,
        'min-zoomed-font-size': 9,
        color: '#7a8394',
        'text-rotation': 'autorotate',
      },
    },
    // How the fact was derived (the API's Derivation): STATED solid, RULE dashed, INFERRED dotted; see DERIVATIONS.
    { selector: 'edge[derivation = "RULE"]', style: { 'line-style': 'dashed', 'line-dash-pattern': [6, 3] } },
    { selector: 'edge[derivation = "INFERRED"]', style: { 'line-style': 'dotted' } },
    { selector: 'edge.path', style: { width: 3, 'line-color': '#ff6f00', 'target-arrow-color': '#ff6f00' } },
    { selector: 'edge:selected', style: { width: 3, 'line-color': '#ffb300', 'target-arrow-color': '#ffb300' } },
  ],
});

/* ---------- state: everything the URL carries ---------- */
const state = {
  /** Expanded entities → how many of their relations are loaded, the cursor for more, and their total. */
  expanded: new Map(),
  /** Entities the user hid: never drawn again until shown. */
  hidden: new Set(),
  /** Kinds and relation types switched off in the filters. */
  offKinds: new Set(),
  offTypes: new Set(),
  path: { from: null, to: null, avoid: false, found: false },
  /** The node or edge the panel shows. */
  selected: null,
};
/** Elements hidden by the user, kept so "show hidden" can put them back. */
const hiddenElements = new Map();
/** Entity names by id, for the path bar. */
const names = new Map();
let restoring = false;

window.explore = { cy, state };

function nodeData(n) {
  names.set(n.id, n.nameZh);
  return { id: n.id, kind: n.kind, label: n.nameZh, nameZh: n.nameZh, nameEn: n.nameEn, degree: n.degree, colour: colour(n.kind) };
}

/** A start offset in [-0.5, 0.5)² from the id: the same link lays out the same way every time. */
function jitter(id) {
  let a = 2166136261;
  for (let i = 0; i < id.length; i++) a = Math.imul(a ^ id.charCodeAt(i), 16777619);
  const b = Math.imul(a ^ (a >>> 15), 2246822507);
  return { x: ((a >>> 0) % 1000) / 1000 - 0.5, y: ((b >>> 0) % 1000) / 1000 - 0.5 };
}

/**
 * Pushes apart nodes whose boxes (label included) still overlap after the force layout, along the axis where
 * they overlap least; pinned nodes stay and the other node moves the whole way.
 */
function separateLabels(nodes, maxRounds = 60) {
  const list = nodes.toArray();
  const boxes = list.map((n) => {
    const b = n.boundingBox({ includeLabels: true, includeOverlays: false });
    const p = n.position();
    return { n, fixed: n.locked(), dx1: b.x1 - p.x, dx2: b.x2 - p.x, dy1: b.y1 - p.y, dy2: b.y2 - p.y, x: p.x, y: p.y };
  });
  const GAP = 2;
  for (let round = 0; round < maxRounds; round++) {
    let moved = false;
    for (let i = 0; i < boxes.length; i++) {
      const a = boxes[i];
      for (let j = i + 1; j < boxes.length; j++) {
        const c = boxes[j];
        const ox = Math.min(a.x + a.dx2, c.x + c.dx2) - Math.max(a.x + a.dx1, c.x + c.dx1);
        const oy = Math.min(a.y + a.dy2, c.y + c.dy2) - Math.max(a.y + a.dy1, c.y + c.dy1);
        if (ox <= 0 || oy <= 0) continue;
        if (a.fixed && c.fixed) continue;
        moved = true;
        const alongX = ox < oy;
        const push = (alongX ? ox : oy) + GAP;
        const sign = alongX ? (a.x <= c.x ? -1 : 1) : a.y <= c.y ? -1 : 1;
        const shareA = a.fixed ? 0 : c.fixed ? 1 : 0.5;
        const shareC = 1 - shareA;
        if (alongX) {
          a.x += sign * push * shareA;
          c.x -= sign * push * shareC;
        } else {
          a.y += sign * push * shareA;
          c.y -= sign * push * shareC;
        }
      }
    }
    if (!moved) break;
  }
  cy.batch(() => {
    for (const b of boxes) if (!b.fixed) b.n.position({ x: b.x, y: b.y });
  });
}

/** Adds nodes and edges that are not there yet (and not hidden) near `origin`; returns how many nodes were new. */
function addElements(nodes, edges, origin) {
  const added = [];
  for (const n of nodes) {
    if (state.hidden.has(n.id) || cy.getElementById(n.id).nonempty()) continue;
    const o = origin || { x: 0, y: 0 };
    const j = jitter(n.id);
    added.push({
      group: 'nodes',
      data: nodeData(n),
      position: { x: o.x + j.x * 80, y: o.y + j.y * 80 },
    });
  }
  cy.add(added);
  const edgeEls = [];
  for (const e of edges) {
    if (cy.getElementById(e.id).nonempty()) continue;
    if (cy.getElementById(e.source).empty() || cy.getElementById(e.target).empty()) continue;
    edgeEls.push({ group: 'edges', data: { ...e } });
  }
  cy.add(edgeEls);
  applyFilters();
  return added.length;
}

/** Lays the graph out with fcose (labels count as part of a node, so they do not overlap); pinned nodes stay put. */
async function layout(randomize = false) {
  const visible = cy.elements().not('.filtered');
  if (visible.nodes().length === 0) return;
  const pinned = cy.nodes('.pinned').not('.filtered');
  const opts =
    typeof cytoscapeFcose !== 'undefined'
      ? {
          name: 'fcose',
          quality: 'default',
          randomize,
          animate: false,
          nodeDimensionsIncludeLabels: true,
          nodeSeparation: 90,
          idealEdgeLength: () => 110,
          nodeRepulsion: () => 12000,
          edgeElasticity: () => 0.3,
          numIter: 2500,
          packComponents: true,
          fixedNodeConstraint: pinned.length ? pinned.map((n) => ({ nodeId: n.id(), position: { ...n.position() } })) : undefined,
        }
      : { name: 'cose', animate: false, randomize, nodeDimensionsIncludeLabels: true };
  const l = visible.layout(opts);
  await new Promise((resolve) => {
    l.one('layoutstop', resolve);
    l.run();
  });
  separateLabels(visible.nodes());
  fitView();
}

/** Fits the visible graph, without blowing a handful of nodes up to poster size. */
function fitView() {
  const visible = cy.elements().not('.filtered');
  cy.fit(visible, 30);
  if (cy.zoom() > 1.6) {
    cy.zoom(1.6);
    cy.center(visible);
  }
}

/** Loads `count` more relations of an entity (paging through the API) and draws them. */
async function expand(id, count = PAGE, opts = {}) {
  const entry = state.expanded.get(id) || { loaded: 0, cursor: null, total: null, hasMore: true };
  if (!entry.hasMore) return;
  status(`Loading relations of ${names.get(id) || id} …`);
  const nodes = [];
  const edges = [];
  let want = count;
  let centre = null;
  while (want > 0 && entry.hasMore) {
    const data = await gql(Q_RELATIONS, { id, first: Math.min(want, API_PAGE_MAX), after: entry.cursor });
    if (!data.entity) {
      status(`No entity ${id}`);
      return;
    }
    centre = data.entity;
    const rel = data.entity.relations;
    for (const e of rel.edges) {
      nodes.push(e.node);
      const out = e.direction === 'OUT';
      edges.push({
        id: e.id,
        source: out ? id : e.node.id,
        target: out ? e.node.id : id,
        type: e.type,
        year: e.year,
        label: e.label,
        derivation: e.derivation,
        rule: e.rule,
        evidence: e.evidence,
      });
    }
    entry.loaded += rel.edges.length;
    entry.total = rel.totalCount;
    entry.cursor = rel.pageInfo.endCursor;
    entry.hasMore = rel.pageInfo.hasNextPage;
    want -= rel.edges.length;
    if (rel.edges.length === 0) break;
  }
  if (cy.getElementById(id).empty() && centre && !state.hidden.has(id)) addElements([centre], [], null);
  const c = cy.getElementById(id);
  const added = addElements(nodes, edges, c.nonempty() ? c.position() : null);
  state.expanded.set(id, entry);
  c.addClass('expanded');
  if (!opts.noLayout) await layout();
  updateStatus(`+${added} from ${names.get(id) || id} · ${entry.loaded} of ${entry.total} relations${entry.hasMore ? ' (show more in the panel)' : ''}`);
  document.body.dataset.expanded = String(cy.nodes('.expanded').length);
  if (!opts.noUrl) saveUrl();
  if (state.selected === id) renderActions(id);
}

/** Removes what only this node's expansion brought in (not pinned, not expanded, not on a path, tied to nothing else). */
function collapse(id) {
  const node = cy.getElementById(id);
  if (node.empty()) return;
  const keep = (n) => n.hasClass('expanded') || n.hasClass('pinned') || n.hasClass('path') || n.id() === state.selected;
  // What only this node brought in: its neighbours that nothing else holds, even when they link to each
  // other (an award and the theme it is ABOUT, both next to the hub). Shrunk until no member touches a node
  // outside the set.
  let gone = node.neighborhood('node').filter((n) => !keep(n));
  for (let changed = true; changed; ) {
    const inside = gone.union(node);
    const held = gone.filter((n) => n.connectedEdges().connectedNodes().difference(inside).nonempty());
    changed = held.nonempty();
    gone = gone.difference(held);
  }
  gone.remove();
  node.removeClass('expanded');
  state.expanded.delete(id);
  document.body.dataset.expanded = String(cy.nodes('.expanded').length);
  updateStatus(`collapsed ${names.get(id) || id} (−${gone.length})`);
  renderActions(id);
  saveUrl();
}

function hide(id) {
  const node = cy.getElementById(id);
  if (node.empty()) return;
  hiddenElements.set(id, node.union(node.connectedEdges()).jsons());
  state.hidden.add(id);
  state.expanded.delete(id);
  node.remove();
  if (state.selected === id) state.selected = null;
  updateStatus(`hid ${names.get(id) || id}`);
  renderFilters();
  saveUrl();
}

function showHidden() {
  const back = [...hiddenElements.values()].flat();
  state.hidden.clear();
  hiddenElements.clear();
  const nodes = back.filter((j) => j.group === 'nodes' && cy.getElementById(j.data.id).empty());
  cy.add(nodes.map((j) => ({ group: 'nodes', data: j.data, position: j.position })));
  const edges = back.filter((j) => j.group === 'edges' && cy.getElementById(j.data.id).empty());
  cy.add(edges.filter((j) => cy.getElementById(j.data.source).nonempty() && cy.getElementById(j.data.target).nonempty()).map((j) => ({ group: 'edges', data: j.data })));
  applyFilters();
  updateStatus('showing hidden entities again');
  saveUrl();
}

function togglePin(id) {
  const node = cy.getElementById(id);
  if (node.empty()) return;
  if (node.hasClass('pinned')) {
    node.removeClass('pinned');
    node.unlock();
  } else {
    node.addClass('pinned');
    node.lock();
  }
  renderActions(id);
  saveUrl();
}

/* ---------- filters ---------- */
function applyFilters() {
  cy.nodes().forEach((n) => {
    n.toggleClass('filtered', state.offKinds.has(n.data('kind')));
  });
  cy.edges().forEach((e) => {
    e.toggleClass('filtered', state.offTypes.has(e.data('type')));
  });
}

function counts(coll, key) {
  const m = new Map();
  coll.forEach((x) => m.set(x.data(key), (m.get(x.data(key)) || 0) + 1));
  return [...m.entries()].sort((a, b) => String(a[0]).localeCompare(String(b[0])));
}

function renderFilters() {
  const box = (set, value, n, label) =>
    h(
      'label',
      {},
      h('input', {
        type: 'checkbox',
        'data-filter': value,
        checked: !set.has(value),
        onchange: (ev) => {
          if (ev.target.checked) set.delete(value);
          else set.add(value);
          applyFilters();
          updateStatus();
          saveUrl();
        },
      }),
      label,
      h('span', { class: 'count' }, n),
    );
  const kinds = counts(cy.nodes(), 'kind');
  for (const k of state.offKinds) if (!kinds.some(([x]) => x === k)) kinds.push([k, 0]);
  $('#filter-kinds').replaceChildren(...kinds.map(([k, n]) => box(state.offKinds, k, n, kindBadge(k))));
  const types = counts(cy.edges(), 'type');
  for (const t of state.offTypes) if (!types.some(([x]) => x === t)) types.push([t, 0]);
  $('#filter-types').replaceChildren(...types.map(([t, n]) => box(state.offTypes, t, n, t)));
  $('#hidden-list').replaceChildren(
    state.hidden.size
      ? h('button', { type: 'button', id: 'btn-unhide', onclick: showHidden }, `Show ${state.hidden.size} hidden`)
      : '',
  );
}

function updateStatus(extra) {
  const vis = cy.elements().not('.filtered');
  const n = vis.nodes().length;
  const e = vis.edges().filter((x) => x.source().visible() && x.target().visible()).length;
  const off = cy.nodes('.filtered').length;
  status(`${n} nodes · ${e} edges${off ? ` · ${off} filtered out` : ''}${extra ? ` · ${extra}` : ''}`);
  $('#legend').replaceChildren(...[...new Set(vis.nodes().map((x) => x.data('kind')))].sort().map(kindBadge), derivationLegend());
  renderFilters();
}

/* ---------- the panel ---------- */
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

/** The whole sentence with the quoted words marked; the bare quote where the sentence is not known. */
function quoted(x) {
  const text = x.sentence?.text;
  const at = text ? text.indexOf(x.quote) : -1;
  if (at < 0) return [`「${x.quote}」`];
  return [h('q', { class: 'sentence' }, text.slice(0, at), h('mark', {}, x.quote), text.slice(at + x.quote.length))];
}

const evidenceList = (ev) =>
  h(
    'ul',
    { class: 'evidence', id: 'evidence' },
    ev.map((x) =>
      h(
        'li',
        { 'data-line': x.line },
        h(
          'span',
          { class: 'line' },
          x.lineEnd && x.lineEnd > x.line ? `lines ${x.line}–${x.lineEnd}` : `line ${x.line}`,
          x.section ? h('span', { class: 'section' }, ` · ${x.section}`) : null,
        ),
        ...quoted(x),
      ),
    ),
  );

/** The buttons for an entity on the graph: expand/show more, collapse, hide, pin, path ends. */
function renderActions(id) {
  const box = $('#panel .actions');
  if (!box || $('#panel').dataset.entity !== id) return;
  const node = cy.getElementById(id);
  const entry = state.expanded.get(id);
  const act = (name, label, fn, title) =>
    h('button', { type: 'button', 'data-action': name, title, onclick: () => Promise.resolve(fn()).catch(fail) }, label);
  const items = [];
  if (!entry) items.push(act('expand', 'Expand', () => expand(id), 'Draw its relations'));
  else if (entry.hasMore) items.push(act('more', `Show ${Math.min(PAGE, entry.total - entry.loaded)} more`, () => expand(id), 'Draw the next page of its relations'));
  if (entry) items.push(act('collapse', 'Collapse', () => collapse(id), 'Remove what only this node brought in'));
  if (node.nonempty()) {
    items.push(act('pin', node.hasClass('pinned') ? 'Unpin' : 'Pin', () => togglePin(id), 'Keep it where it is when the graph is laid out'));
    items.push(act('hide', 'Hide', () => hide(id), 'Remove it from the view (Filters › show hidden brings it back)'));
  }
  items.push(act('path-from', 'Path from here', () => setPathEnd('from', id), 'Start of a path'));
  items.push(act('path-to', 'Path to here', () => setPathEnd('to', id), 'End of a path'));
  box.replaceChildren(...items);
  const more = $('#panel .more');
  if (more) more.textContent = entry ? `${entry.loaded} of ${entry.total} relations drawn` : '';
}

let panelSeq = 0;
/** Shows an entity's names, evidence (with line numbers) and, for a metric, its values. */
async function showPanel(id) {
  const seq = ++panelSeq;
  const panel = $('#panel');
  state.selected = id;
  panel.replaceChildren(h('p', { class: 'hint' }, `Loading ${id} …`));
  const { entity: e } = await gql(Q_ENTITY, { id });
  if (seq !== panelSeq) return;
  if (!e) {
    panel.replaceChildren(h('p', { class: 'hint' }, `No entity ${id}.`));
    return;
  }
  names.set(e.id, e.nameZh);
  const parts = [
    kindBadge(e.kind),
    h('h2', { id: 'entity-name' }, e.nameZh),
    e.nameEn ? h('div', { class: 'en' }, e.nameEn) : null,
    e.aliases.length ? h('div', { class: 'aliases' }, `Also: ${e.aliases.join(' · ')}`) : null,
    e.description ? h('p', {}, e.description) : null,
    h('div', { class: 'en' }, `${e.id} · ${e.degree} relationships · named on ${e.mentions.totalCount} lines`),
    h('div', { class: 'actions' }),
    h('div', { class: 'more' }),
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
  parts.push(evidenceList(ev));
  panel.replaceChildren(...parts.filter(Boolean));
  panel.dataset.entity = e.id;
  delete panel.dataset.edge;
  renderActions(e.id);
  saveUrl();
}

/** Finds a relation's own record (with its evidence) among its source's outgoing relations of that type. */
async function edgeDetails(edge) {
  const d = edge.data();
  const kind = cy.getElementById(d.target).data('kind');
  let after = null;
  for (let page = 0; page < 10; page++) {
    const data = await gql(Q_EDGE, { id: d.source, types: [d.type], kinds: kind ? [kind] : null, after });
    const rel = data.entity && data.entity.relations;
    if (!rel) return null;
    const hit = rel.edges.find((x) => x.id === d.id);
    if (hit) return hit;
    if (!rel.pageInfo.hasNextPage) return null;
    after = rel.pageInfo.endCursor;
  }
  return null;
}

/** The derivations of a fact as the legend and the edge panel name them (the API's enum Derivation). */
const DERIVATIONS = {
  STATED: { line: 'solid', name: 'stated', text: 'Stated by the report: a curator read the sentence below and it says this.' },
  RULE: { line: 'dashed', name: 'by a tool rule', text: 'Made by a tool rule, not checked one by one: read the sentence before relying on it.' },
  INFERRED: { line: 'dotted', name: 'inferred', text: 'Inferred: implied by the report, not printed in it.' },
};

/** The panel's sentence on how an edge was derived, naming the rule of a RULE edge. */
function derivationText(d) {
  const kind = DERIVATIONS[d.derivation] ? d.derivation : 'STATED';
  return `${kind}${d.rule ? ` (rule ${d.rule})` : ''}: ${DERIVATIONS[kind].text}`;
}

/** The legend's key to the edge lines: one sample line per derivation. */
function derivationLegend() {
  return h(
    'div',
    { id: 'legend-derivation' },
    ...Object.entries(DERIVATIONS).map(([k, v]) =>
      h('span', { class: 'derivation-key', title: v.text, 'data-derivation': k }, h('i', { style: `border-top-style:${v.line}` }), v.name),
    ),
  );
}

/** Shows a relation: its two ends, type, year, the report's words and its evidence lines. */
async function showEdgePanel(edgeId) {
  const seq = ++panelSeq;
  const edge = cy.getElementById(edgeId);
  if (edge.empty()) return;
  state.selected = edgeId;
  const panel = $('#panel');
  let d = edge.data();
  if (!d.evidence) {
    panel.replaceChildren(h('p', { class: 'hint' }, `Loading ${edgeId} …`));
    const full = await edgeDetails(edge);
    if (seq !== panelSeq) return;
    if (full) {
      edge.data({ evidence: full.evidence, label: full.label, year: full.year, derivation: full.derivation, rule: full.rule });
      d = edge.data();
    }
  }
  const end = (id) => h('strong', {}, names.get(id) || id);
  // replaceChildren writes a null argument as the text "null": only the parts there are.
  const parts = [
    h('span', { class: 'kind', style: 'background:#546e7a' }, 'RELATION'),
    h('h2', { id: 'entity-name' }, d.type),
    h('div', { class: 'edge-ends' }, end(d.source), h('span', { class: 'arrow' }, '→'), end(d.target)),
    d.label ? h('p', {}, `「${d.label}」`) : null,
    h('div', { class: 'en' }, `${d.id}${d.year ? ` · ${d.year}` : ''}`),
    h('h3', {}, 'How this fact was derived'),
    h('p', { class: `derivation derivation-${(d.derivation || 'STATED').toLowerCase()}` }, derivationText(d)),
    h('h3', {}, `Evidence (${(d.evidence || []).length})`),
    evidenceList(d.evidence || []),
  ];
  panel.replaceChildren(...parts.filter(Boolean));
  delete panel.dataset.entity;
  panel.dataset.edge = edgeId;
  saveUrl();
}

/* ---------- paths ---------- */
function renderPathbar() {
  const p = state.path;
  $('#pathbar').hidden = !p.from && !p.to;
  $('#path-from').textContent = p.from ? names.get(p.from) || p.from : '—';
  $('#path-to').textContent = p.to ? names.get(p.to) || p.to : '—';
  $('#path-avoid').checked = p.avoid;
  $('#btn-path').disabled = !(p.from && p.to);
}

function setPathEnd(which, id) {
  state.path[which] = id;
  state.path.found = false;
  renderPathbar();
  saveUrl();
}

async function findPath(opts = {}) {
  const p = state.path;
  if (!p.from || !p.to) return;
  status('Finding a path …');
  // The API's own option: no entity with more than 30 relations (中國聯通, the group companies, the largest
  // themes) in between, so the report's direct links come first.
  const avoidHubs = Boolean(p.avoid);
  const data = await gql(Q_PATHS, { from: p.from, to: p.to, avoidHubs });
  cy.elements('.path').removeClass('path');
  if (data.paths.length === 0) {
    p.found = false;
    document.body.dataset.path = '0';
    updateStatus(`no path within 5 steps${avoidHubs ? ' avoiding hubs' : ''}`);
    saveUrl();
    return;
  }
  p.found = true;
  for (const path of data.paths) {
    for (const n of path.nodes) state.hidden.delete(n.id);
    addElements(path.nodes, path.edges, cy.getElementById(p.from).nonempty() ? cy.getElementById(p.from).position() : null);
    for (const n of path.nodes) cy.getElementById(n.id).addClass('path');
    for (const e of path.edges) cy.getElementById(e.id).addClass('path');
  }
  if (!opts.noLayout) await layout();
  const first = data.paths[0];
  document.body.dataset.path = String(first.length);
  updateStatus(`${data.paths.length} path(s) of ${first.length} step(s): ${first.nodes.map((n) => n.nameZh).join(' → ')}`);
  saveUrl();
}

/* ---------- exports ---------- */
function download(name, blob) {
  const a = h('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
const exportName = (ext) => {
  const centre = [...state.expanded.keys()][0] || 'graph';
  return `unicom-kg-${centre.replace(/[^\w-]+/g, '_')}.${ext}`;
};
function visibleElements() {
  const nodes = cy.nodes().not('.filtered');
  const edges = cy.edges().not('.filtered').filter((e) => nodes.contains(e.source()) && nodes.contains(e.target()));
  return { nodes, edges };
}
function exportJson() {
  const { nodes, edges } = visibleElements();
  const out = {
    source: 'unicom-kg: China Unicom CSR 2020 knowledge graph',
    view: location.href,
    nodes: nodes.map((n) => ({ id: n.id(), kind: n.data('kind'), nameZh: n.data('nameZh'), nameEn: n.data('nameEn') ?? null, degree: n.data('degree') })),
    edges: edges.map((e) => ({
      id: e.id(),
      source: e.data('source'),
      target: e.data('target'),
      type: e.data('type'),
      year: e.data('year') ?? null,
      label: e.data('label') ?? null,
      evidence: e.data('evidence') ?? null,
    })),
  };
  download(exportName('json'), new Blob([JSON.stringify(out, null, 2)], { type: 'application/json' }));
}
function exportPng() {
  download(exportName('png'), cy.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff' }));
}
function exportSvg() {
  if (typeof cy.svg !== 'function') throw new Error('SVG export is not available');
  download(exportName('svg'), new Blob([cy.svg({ full: true, scale: 1, bg: '#ffffff' })], { type: 'image/svg+xml' }));
}

/* ---------- the URL: the whole view, so a link reopens it ---------- */
function saveUrl() {
  if (restoring) return;
  const q = new URLSearchParams();
  for (const [id, e] of state.expanded) q.append('x', `${e.loaded}:${id}`);
  const extra = cy.nodes().filter((n) => !n.hasClass('path') && !state.expanded.has(n.id()) && n.connectedEdges().filter((e) => state.expanded.has(e.data('source')) || state.expanded.has(e.data('target'))).empty());
  extra.forEach((n) => {
    q.append('n', n.id());
  });
  for (const id of state.hidden) q.append('hide', id);
  cy.nodes('.pinned').forEach((n) => {
    q.append('pin', `${Math.round(n.position('x'))},${Math.round(n.position('y'))}:${n.id()}`);
  });
  for (const k of state.offKinds) q.append('nokind', k);
  for (const t of state.offTypes) q.append('notype', t);
  if (state.path.from) q.set('from', state.path.from);
  if (state.path.to) q.set('to', state.path.to);
  if (state.path.avoid) q.set('avoid', '1');
  if (state.path.found) q.set('path', '1');
  if (state.selected) q.set('sel', state.selected);
  history.replaceState(null, '', `/explore#${q.toString()}`);
}

async function restore(hash) {
  // An old-style link (#partner/meituan) opens that entity.
  if (!hash.includes('=')) return pick(decodeURIComponent(hash));
  const q = new URLSearchParams(hash);
  restoring = true;
  try {
    cy.elements().remove();
    state.expanded.clear();
    state.hidden = new Set(q.getAll('hide'));
    state.offKinds = new Set(q.getAll('nokind'));
    state.offTypes = new Set(q.getAll('notype'));
    state.path = { from: q.get('from'), to: q.get('to'), avoid: q.get('avoid') === '1', found: false };
    for (const x of q.getAll('x')) {
      const i = x.indexOf(':');
      const n = Number(x.slice(0, i));
      const id = x.slice(i + 1);
      await expand(id, Number.isFinite(n) && n > 0 ? n : PAGE, { noLayout: true, noUrl: true });
    }
    const loose = q.getAll('n').filter((id) => cy.getElementById(id).empty());
    for (const id of loose) {
      const data = await gql(Q_ENTITY, { id });
      if (data.entity) addElements([data.entity], [], null);
    }
    if (q.get('path') === '1') await findPath({ noLayout: true });
    for (const p of q.getAll('pin')) {
      const m = /^(-?\d+),(-?\d+):(.+)$/.exec(p);
      if (!m) continue;
      const n = cy.getElementById(m[3]);
      if (n.empty()) continue;
      n.position({ x: Number(m[1]), y: Number(m[2]) });
      n.addClass('pinned');
      n.lock();
    }
    applyFilters();
    await layout();
    renderPathbar();
    const sel = q.get('sel');
    if (sel) {
      const el = cy.getElementById(sel);
      if (el.nonempty()) el.select();
      if (el.nonempty() && el.isEdge()) await showEdgePanel(sel);
      else await showPanel(sel);
    }
    updateStatus('view restored from the link');
  } finally {
    restoring = false;
  }
  saveUrl();
  document.body.dataset.restored = '1';
}

/* ---------- search ---------- */
let searchSeq = 0;
let timer;
function closeResults() {
  clearTimeout(timer);
  searchSeq++; // an answer still on its way must not reopen the list
  $('#results').replaceChildren();
}

/** Opens an entity in a new view. */
async function pick(id) {
  closeResults();
  $('#search').blur();
  cy.elements().remove();
  state.expanded.clear();
  state.path = { from: null, to: null, avoid: state.path.avoid, found: false };
  renderPathbar();
  await Promise.all([expand(id, PAGE, { noUrl: true }), showPanel(id)]);
  cy.getElementById(id).select();
  saveUrl();
}

/** Adds an entity to the current view (to find a path to it, say). */
async function addToView(id) {
  closeResults();
  $('#search').blur();
  state.hidden.delete(id);
  if (cy.getElementById(id).empty()) {
    const data = await gql(Q_ENTITY, { id });
    if (!data.entity) return;
    addElements([data.entity], [], null);
    await layout();
  }
  cy.elements(':selected').unselect();
  cy.getElementById(id).select();
  updateStatus(`added ${names.get(id) || id}`);
  await showPanel(id);
}

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
        h(
          'button',
          { type: 'button', class: 'add', 'data-add': hit.entity.id, title: 'Add to the current view', onclick: () => addToView(hit.entity.id).catch(fail) },
          '+ add',
        ),
      ),
    ),
  );
  if (data.search.length === 0) $('#results').replaceChildren(h('li', { class: 'hint' }, h('button', { type: 'button', disabled: '' }, 'No match')));
}

$('#search').addEventListener('input', (ev) => {
  clearTimeout(timer);
  timer = setTimeout(() => runSearch(ev.target.value).catch(fail), 200);
});
$('#search').addEventListener('keydown', (ev) => {
  if (ev.key === 'Escape') closeResults();
});
$('#search-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const first = $('#results button[data-id]');
  if (first) first.click();
  else runSearch($('#search').value).catch(fail);
});
// A click anywhere else closes the list.
document.addEventListener('pointerdown', (ev) => {
  if (!ev.target.closest('#results') && !ev.target.closest('#search-form')) closeResults();
});

/* ---------- wiring ---------- */
cy.on('tap', 'node', (ev) => {
  const id = ev.target.id();
  showPanel(id).catch(fail);
  if (!state.expanded.has(id)) expand(id).catch(fail);
});
cy.on('tap', 'edge', (ev) => {
  showEdgePanel(ev.target.id()).catch(fail);
});
cy.on('dragfree', 'node.pinned', () => saveUrl());

$('#btn-filters').addEventListener('click', () => {
  const open = $('#filters').hidden;
  $('#filters').hidden = !open;
  $('#btn-filters').setAttribute('aria-expanded', String(open));
  renderFilters();
});
$('#btn-layout').addEventListener('click', () => layout(true).catch(fail));
$('#btn-fit').addEventListener('click', fitView);
$('#btn-png').addEventListener('click', () => {
  try {
    exportPng();
  } catch (e) {
    fail(e);
  }
});
$('#btn-svg').addEventListener('click', () => {
  try {
    exportSvg();
  } catch (e) {
    fail(e);
  }
});
$('#btn-json').addEventListener('click', exportJson);
$('#btn-link').addEventListener('click', async () => {
  saveUrl();
  const out = $('#link-out');
  out.value = location.href;
  out.hidden = false;
  out.select();
  try {
    await navigator.clipboard.writeText(location.href);
    status('Link copied: it reopens this view.');
  } catch {
    status('Copy the selected link: it reopens this view.');
  }
  setTimeout(() => {
    out.hidden = true;
  }, 8000);
});
$('#path-avoid').addEventListener('change', (ev) => {
  state.path.avoid = ev.target.checked;
  saveUrl();
});
$('#btn-path').addEventListener('click', () => findPath().catch(fail));
$('#btn-path-clear').addEventListener('click', () => {
  cy.elements('.path').removeClass('path');
  state.path = { from: null, to: null, avoid: state.path.avoid, found: false };
  renderPathbar();
  saveUrl();
});

/** Themes as a way in: the subjects the report is organised around, best-connected first. */
async function loadThemes() {
  const data = await gql(Q_THEMES, {});
  const themes = data.entities.edges.map((e) => e.node).sort((a, b) => b.degree - a.degree || a.nameZh.localeCompare(b.nameZh));
  for (const t of themes) names.set(t.id, t.nameZh);
  $('#themes').append(
    ...themes.map((t) => h('option', { value: t.id }, `${t.nameZh}${t.nameEn && t.nameEn !== t.nameZh ? ` · ${t.nameEn}` : ''} (${t.degree})`)),
  );
  document.body.dataset.themes = String(themes.length);
}
$('#themes').addEventListener('change', (ev) => {
  const id = ev.target.value;
  ev.target.value = '';
  if (id) pick(id).catch(fail);
});
loadThemes().catch(fail);

if (location.hash.length > 1) restore(location.hash.slice(1)).catch(fail);
