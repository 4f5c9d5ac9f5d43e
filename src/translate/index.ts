import {
  type FieldNode,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  getNamedType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { EntityRecord } from '../loaders/types.js';
import { canonicalProps, compilePlan, type EntityPlan, entityTypesOf, parameters, projection, through } from './compile.js';
import { readEntity } from './read.js';
import { SLIM_PROPS } from './rules.js';
import { directiveVariables } from './selection.js';

export type { EntityPlan } from './compile.js';
export type { PrefetchedRelations } from './read.js';
export { type TranslateRule, translated } from './rules.js';

/**
 * The translate layer's product for one place of one operation: the map projection a root statement
 * returns for its entities (`{{n}}` in cypher/translate/*.cypher), the parameters its nested fields
 * take from the request's variables, and the reader that turns its rows into records.
 */
export interface CompiledSelection {
  readonly plan: EntityPlan;
  /** Map projection of the variable `n`: canonical text (alias names, selection order, fragments and duplicates
   * do not change it), so Neo4j's plan cache hits for every equivalent document. */
  readonly projection: string;
  /** The template fill for Db.read: `{{n}}` → the projection. */
  readonly fill: ReadonlyMap<string, string>;
  params(variables: Readonly<Record<string, unknown>>): Record<string, unknown>;
  read(row: Record<string, unknown>): EntityRecord;
}

// Compiled once per field of a parsed document (yoga caches documents, so a repeated query text reuses
// its compilation) and per value of the variables that @skip/@include read.
// Both are WeakMaps keyed by the document's nodes: the document cache's byte budget bounds them too.
const compiled = new WeakMap<FieldNode, Map<string, CompiledSelection>>();
const MAX_VARIANTS_PER_FIELD = 16;
const directiveVars = new WeakMap<OperationDefinitionNode, string[]>();

/**
 * Compiles the entities the current root field returns at `path` inside it (e.g. ["edges", "node"] for a
 * connection, ["entity"] for a name match) into one projection.
 */
export function compileSelection(info: GraphQLResolveInfo, path: readonly string[] = []): CompiledSelection {
  let names = directiveVars.get(info.operation);
  if (!names) {
    names = directiveVariables([info.operation.selectionSet], info.fragments);
    directiveVars.set(info.operation, names);
  }
  const key = `${path.join('.')}|${names.map((n) => JSON.stringify(info.variableValues[n] ?? null)).join(',')}`;
  const root = info.fieldNodes[0] as FieldNode;
  let byKey = compiled.get(root);
  if (!byKey) {
    byKey = new Map();
    compiled.set(root, byKey);
  }
  const hit = byKey.get(key);
  if (hit) return hit;

  const c = { schema: info.schema, fragments: info.fragments, variables: info.variableValues };
  let nodes: readonly FieldNode[] = info.fieldNodes;
  let type: GraphQLOutputType = info.returnType;
  for (const step of path) {
    const named = getNamedType(type);
    const next = isObjectType(named) ? through(c, named, nodes, step) : { nodes: [], def: undefined };
    if (!next.def) throw new Error(`translate: no field ${step} on ${named.name}`);
    nodes = next.nodes;
    type = next.def.type;
  }
  const plan = compilePlan({ ...c, types: entityTypesOf(info.schema, type), sets: nodes.map((n) => n.selectionSet) });
  const text = projection(plan, 'n');
  const result: CompiledSelection = {
    plan,
    projection: text,
    fill: new Map([['n', text]]),
    params: (variables) => parameters(plan, variables),
    read: (row) => readEntity(plan, row),
  };
  // The variants of one field (its path and @skip/@include values) are few; a cap keeps a document that
  // is cached for long from collecting one per combination of 20 boolean variables.
  if (byKey.size < MAX_VARIANTS_PER_FIELD) byKey.set(key, result);
  return result;
}

/**
 * A template fill `{{n}}` → the map projection of these properties of `n` (names from the schema, never a
 * client), in canonical order: the same set of properties is the same statement text.
 */
export function propsFill(props: Iterable<string>): ReadonlyMap<string, string> {
  return new Map([
    [
      'n',
      `n {${canonicalProps(props)
        .map((p) => `.${p}`)
        .join(', ')}}`,
    ],
  ]);
}

/**
 * The template fill (`{{n}}`) for a statement that returns entities as plain records rather than through a
 * compiled projection (the neighbourhood, paths): the properties the selections at `paths` inside the root
 * field ask for, when they ask for properties only; the slim record plus those when any asks for a nested
 * field, which its resolver then answers through the loaders (and may read any scalar property). A
 * neighbourhood of 100 nodes asking `id kind nameZh` so fetches 3 properties of each, not 17.
 */
export function recordFill(info: GraphQLResolveInfo, paths: readonly (readonly string[])[]): ReadonlyMap<string, string> {
  const selections = paths.map((p) => compileSelection(info, p));
  const nested = selections.some((c) => c.plan.fields.length > 0);
  return propsFill([...selections.flatMap((c) => c.plan.props), ...(nested ? SLIM_PROPS : [])]);
}

/** The sentence record a statement brings along with evidence (Sentence's fields, src/loaders/types SentenceRecord). */
const SENTENCE_PROJECTION =
  's {.id, .ordinal, .text, .lineStart, .lineEnd, .block, .sectionId, .section, .chapter, .duplicate, .entityIds}';

/**
 * The template fill `{{e}}` that completes an edge map projection `{id: r.id, …, label: r.label{{e}}}` of the
 * neighbourhood and paths: nothing, unless the request asks the edges for `evidence` (then the evidence
 * lists of r), and for the evidence's `sentence` (then the sentences too, looked up in the same statement).
 */
export function edgeFill(info: GraphQLResolveInfo, edges: readonly string[]): [string, string] {
  if (!selects(info, [...edges, 'evidence'])) return ['e', ''];
  const lists = ['evidenceLines', 'evidenceLineEnds', 'evidenceQuotes', 'evidenceSections', 'evidenceSentences'].map(
    (p) => `, ${p}: r.${p}`,
  );
  const sentences = selects(info, [...edges, 'evidence', 'sentence'])
    ? `, evidenceSentenceRecords: [sid IN coalesce(r.evidenceSentences, []) | head(COLLECT { MATCH (s:Sentence {id: sid}) RETURN ${SENTENCE_PROJECTION} })]`
    : '';
  return ['e', `${lists.join('')}${sentences}`];
}

/**
 * Whether the request selects the field at `path` below the current root field, through any alias,
 * fragment or inline fragment (a spread's type condition is not checked: at worst a list is fetched that
 * nobody reads).
 */
export function selects(info: GraphQLResolveInfo, path: readonly string[]): boolean {
  const walk = (sets: readonly (SelectionSetNode | undefined)[], depth: number, seen: Set<string>): boolean => {
    const name = path[depth];
    if (name === undefined) return true;
    const next: (SelectionSetNode | undefined)[] = [];
    const visit = (set: SelectionSetNode | undefined) => {
      for (const s of set?.selections ?? []) {
        if (s.kind === Kind.FIELD) {
          if (s.name.value === name) next.push(s.selectionSet);
        } else if (s.kind === Kind.INLINE_FRAGMENT) visit(s.selectionSet);
        else if (!seen.has(s.name.value) && Object.hasOwn(info.fragments, s.name.value)) {
          seen.add(s.name.value);
          visit(info.fragments[s.name.value]?.selectionSet);
        }
      }
    };
    for (const set of sets) visit(set);
    return next.length > 0 && walk(next, depth + 1, seen);
  };
  return walk(
    info.fieldNodes.map((f) => f.selectionSet),
    0,
    new Set(),
  );
}
