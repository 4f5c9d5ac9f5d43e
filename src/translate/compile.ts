import {
  type ArgumentNode,
  type FieldNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  getArgumentValues,
  getNamedType,
  isAbstractType,
  isObjectType,
  print,
  type SelectionSetNode,
} from 'graphql';
import { ENTITY_KINDS, type EntityKind, typeNameOfKind } from '../model/index.js';
import { KEY_PROPS, SLIM_PROPS, TRANSLATE, type TranslateRule } from './rules.js';
import { collectFields, type Fragments, type Variables } from './selection.js';

/**
 * What the root statement fetches for the entities at one place of a query: which properties, and
 * which nested fields (each a COLLECT/COUNT subquery) for which kinds. A tree: nested entities have
 * plans of their own.
 */
export interface EntityPlan {
  /** The kinds an entity here may have (one for an object type, several for Entity / Node). */
  kinds: ReadonlySet<EntityKind>;
  /** Node properties projected (always id and kind). */
  props: readonly string[];
  fields: readonly PlanField[];
}

export interface PlanField {
  /**
   * The key of the value in the projected map: f0, f1, ... (never a client-chosen name), numbered in the
   * canonical order of the fields, depth first.
   */
  key: string;
  /**
   * The response keys (aliases or names) the value answers; resolvers find it by `info.path.key`. Several when
   * the document asks for the same thing under several aliases: it is fetched once.
   */
  responseKeys: readonly string[];
  /** The kinds of parent this field was selected on. */
  kinds: ReadonlySet<EntityKind>;
  rule: Exclude<TranslateRule, { kind: 'props' }>;
  /** Entities at the other end (neighbours, relations' nodes). */
  child: EntityPlan | null;
  /** relations: project every property of the relationship (its evidence was asked for). */
  wholeRelation?: boolean;
  /** relations: the relationship properties the edges' selected fields read (when not whole). */
  relationProps?: readonly string[];
  /** relations: whether totalCount was asked for. */
  counted?: boolean;
  /** Where the field's arguments come from, when it has parameters (relations). */
  args?: { def: GraphQLField<unknown, unknown>; node: FieldNode };
  /**
   * relations: the filters whose arguments the document gives (as values or variables). Only these become
   * conditions and parameters: `relations(first: 100)` expands and counts without testing four null parameters
   * per relationship, and its statement text is shorter.
   */
  filters?: ReadonlySet<RelationFilter>;
}

type RelationFilter = 'types' | 'direction' | 'kinds' | 'year';
/** The argument(s) of Entity.relations that set each filter. */
const FILTER_ARGS: Readonly<Record<RelationFilter, readonly string[]>> = {
  types: ['types', 'relationTypes'],
  direction: ['direction'],
  kinds: ['kinds'],
  year: ['year'],
};

const KIND_OF_TYPE = new Map<string, EntityKind>(ENTITY_KINDS.map((k) => [typeNameOfKind(k), k]));
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The rule of a field: its `extensions.translate`, or a property when Pothos exposes one. */
function ruleOf(def: GraphQLField<unknown, unknown>): TranslateRule | null {
  const ext = def.extensions as Record<string, unknown> | undefined;
  const rule = ext?.[TRANSLATE] as TranslateRule | undefined;
  if (rule) return rule;
  if (def.name === 'id') return { kind: 'props', props: ['id'] };
  const exposed = ext?.pothosExposedField;
  return typeof exposed === 'string' ? { kind: 'props', props: [exposed] } : null;
}

/** The entity object types a field of this type may return (empty when it returns no entity). */
export function entityTypesOf(schema: GraphQLSchema, type: unknown): GraphQLObjectType[] {
  const named = getNamedType(type as never);
  const candidates = isAbstractType(named) ? schema.getPossibleTypes(named) : isObjectType(named) ? [named] : [];
  return candidates.filter((t) => KIND_OF_TYPE.has(t.name));
}

/**
 * At most this many nested fields (each a subquery) in one statement, and at most this deep: a larger
 * selection compiles the first fields of its canonical order and leaves the rest to the loaders. Neo4j plans a
 * new statement text once (then caches it), in time that grows with its subqueries: ~2 s for 13 on a loaded
 * 2-core machine, so a client sending ever new shapes could otherwise keep the planner busy (see also the
 * canonical order below and the new-shape budget in src/http/limits/shapes.ts).
 */
export const MAX_COMPILED_FIELDS = 8;
export const MAX_COMPILED_DEPTH = 3;

interface Compiler {
  schema: GraphQLSchema;
  fragments: Fragments;
  variables: Variables;
  /** A stable id per field node, so that the same field reached through two fragments merges. */
  nodeIds: Map<FieldNode, number>;
}

/** The sub-selections reached from `nodes` on `type` through the field `name` (e.g. edges, then node). */
export function through(
  c: Pick<Compiler, 'schema' | 'fragments' | 'variables'>,
  type: GraphQLObjectType,
  nodes: readonly FieldNode[],
  name: string,
): { nodes: FieldNode[]; def?: GraphQLField<unknown, unknown> } {
  const fields = collectFields(
    c.schema,
    c.fragments,
    c.variables,
    type,
    nodes.map((n) => n.selectionSet),
  );
  const out: FieldNode[] = [];
  for (const list of fields.values()) for (const n of list) if (n.name.value === name) out.push(n);
  return { nodes: out, def: type.getFields()[name] };
}

/** A field of a plan before numbering: `shape` is what its statement text depends on (and nothing else). */
interface DraftField extends Omit<PlanField, 'key' | 'child' | 'responseKeys'> {
  responseKeys: string[];
  child: DraftPlan | null;
  shape: string;
  /** The shape, the arguments and what the sub-selection answers (its response keys): equal means the same value. */
  identity: string;
}

interface DraftPlan {
  kinds: ReadonlySet<EntityKind>;
  props: Set<string>;
  fields: DraftField[];
}

const sorted = (values: Iterable<string>) => [...values].sort();

/** Node properties in canonical order, each once: id and kind first, then by name. */
export function canonicalProps(props: Iterable<string>): string[] {
  const rest = sorted(new Set([...props].filter((p) => !(KEY_PROPS as readonly string[]).includes(p))));
  return [...KEY_PROPS, ...rest];
}

/** The shape of a plan: the kinds, properties and nested fields' shapes, in canonical order. */
function planShape(plan: DraftPlan): string {
  return JSON.stringify([sorted(plan.kinds), canonicalProps(plan.props), plan.fields.map((f) => f.shape)]);
}

/** What the fields of a plan answer, under which response keys: two children with the same identity are interchangeable. */
function planIdentity(plan: DraftPlan): string {
  return JSON.stringify(plan.fields.map((f) => [f.identity, sorted(f.responseKeys)]));
}

/** The arguments of a field as text, by name (so `(a: 1, b: 2)` and `(b: 2, a: 1)` are the same). */
function argumentsText(nodes: readonly FieldNode[]): string {
  const args = [...((nodes[0] as FieldNode).arguments ?? [])] as ArgumentNode[];
  return args
    .sort((x, y) => (x.name.value < y.name.value ? -1 : x.name.value > y.name.value ? 1 : 0))
    .map((a) => `${a.name.value}:${print(a.value)}`)
    .join(',');
}

/**
 * What the entities of `types` selected by `sets` need, in canonical order: the statement text of a root field
 * depends on the set of (field, shape of its arguments) it needs, never on alias names, the order of the
 * selection, fragments or duplicates, so equivalent documents share one Neo4j plan (issue 22). Fields that ask
 * for the same thing (same rule, arguments and sub-selection) under several aliases are fetched once. Not yet
 * numbered or cut to MAX_COMPILED_FIELDS: `number` does that, on the canonical order.
 */
function draftEntity(
  c: Compiler,
  types: readonly GraphQLObjectType[],
  sets: readonly (SelectionSetNode | undefined)[],
  depth = 0,
): DraftPlan {
  const props = new Set<string>(KEY_PROPS);
  const kinds = new Set<EntityKind>();
  let slim = false;
  const groups = new Map<
    string,
    {
      responseKey: string;
      rule: PlanField['rule'];
      nodes: FieldNode[];
      kinds: Set<EntityKind>;
      types: GraphQLObjectType[];
      def: GraphQLField<unknown, unknown>;
    }
  >();
  for (const type of types) {
    const kind = KIND_OF_TYPE.get(type.name) as EntityKind;
    kinds.add(kind);
    for (const [responseKey, nodes] of collectFields(c.schema, c.fragments, c.variables, type, sets)) {
      const name = (nodes[0] as FieldNode).name.value;
      if (name === '__typename') continue;
      const def = type.getFields()[name];
      if (!def) continue;
      const rule = ruleOf(def);
      if (!rule) {
        slim = true;
        continue;
      }
      if (rule.kind === 'props') {
        for (const p of rule.props) props.add(p);
        continue;
      }
      if (depth >= MAX_COMPILED_DEPTH) {
        // Not compiled: its resolver asks a loader, and may read any scalar property of the parent.
        slim = true;
        continue;
      }
      const ids = nodes.map((n) => {
        const known = c.nodeIds.get(n);
        if (known !== undefined) return known;
        c.nodeIds.set(n, c.nodeIds.size);
        return c.nodeIds.size - 1;
      });
      // Fields with sub-selections merge only when they are the same nodes (their children may differ per kind).
      const children = nodes.some((n) => n.selectionSet) ? ids.join(',') : '';
      const groupKey = `${responseKey}|${JSON.stringify(rule)}|${children}`;
      const group = groups.get(groupKey);
      if (group) {
        group.kinds.add(kind);
        group.types.push(type);
      } else groups.set(groupKey, { responseKey, rule, nodes, kinds: new Set([kind]), types: [type], def });
    }
  }
  if (slim) for (const p of SLIM_PROPS) props.add(p);
  const fields: DraftField[] = [];
  const byIdentity = new Map<string, DraftField>();
  for (const g of groups.values()) {
    const field: DraftField = { responseKeys: [g.responseKey], kinds: g.kinds, rule: g.rule, child: null, shape: '', identity: '' };
    let args = '';
    if (g.rule.kind === 'neighbours') {
      field.child = draftEntity(
        c,
        entityTypesOf(c.schema, g.def.type),
        g.nodes.map((n) => n.selectionSet),
        depth + 1,
      );
    } else if (g.rule.kind === 'relations') {
      const connection = getNamedType(g.def.type) as GraphQLObjectType;
      const edges = through(c, connection, g.nodes, 'edges');
      const edgeType = edges.def && (getNamedType(edges.def.type) as GraphQLObjectType);
      const node = edgeType ? through(c, edgeType, edges.nodes, 'node') : { nodes: [] };
      const evidence = edgeType ? through(c, edgeType, edges.nodes, 'evidence') : { nodes: [] };
      field.child = draftEntity(
        c,
        entityTypesOf(c.schema, node.def?.type),
        node.nodes.map((n) => n.selectionSet),
        depth + 1,
      );
      field.wholeRelation = evidence.nodes.length > 0;
      field.relationProps = edgeType
        ? [
            ...new Set(
              Object.entries(EDGE_PROPS).flatMap(([name, props]) =>
                through(c, edgeType, edges.nodes, name).nodes.length > 0 ? props : [],
              ),
            ),
          ]
        : [];
      field.counted = through(c, connection, g.nodes, 'totalCount').nodes.length > 0;
      field.args = { def: g.def, node: g.nodes[0] as FieldNode };
      const given = new Set(g.nodes.flatMap((n) => (n.arguments ?? []).map((a) => a.name.value)));
      field.filters = new Set((Object.keys(FILTER_ARGS) as RelationFilter[]).filter((k) => FILTER_ARGS[k].some((a) => given.has(a))));
      args = argumentsText(g.nodes);
    }
    field.shape = JSON.stringify([
      g.rule,
      sorted(g.kinds),
      field.wholeRelation ?? null,
      field.relationProps ?? null,
      field.counted ?? null,
      field.filters ? sorted(field.filters) : null,
      field.child ? planShape(field.child) : null,
    ]);
    // The same value asked for under another alias (same arguments, same sub-selection): one subquery answers both.
    field.identity = `${field.shape}|${args}|${field.child ? planIdentity(field.child) : ''}`;
    const same = byIdentity.get(field.identity);
    if (same) {
      same.responseKeys.push(g.responseKey);
      continue;
    }
    byIdentity.set(field.identity, field);
    fields.push(field);
  }
  // Canonical order. Fields of equal shape have equal text whatever their order (only parameter values differ);
  // the identity breaks their ties, so the parameters are numbered the same way too.
  const compare = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  fields.sort((a, b) => compare(a.shape, b.shape) || compare(a.identity, b.identity));
  for (const p of props) if (!IDENTIFIER.test(p)) throw new Error(`translate: property name ${p} is not an identifier`);
  return { kinds, props, fields };
}

/**
 * Numbers the fields f0, f1, ... depth first in canonical order, and compiles at most MAX_COMPILED_FIELDS of
 * them: the others are left to the loaders, and their parent then projects every scalar property.
 */
function number(draft: DraftPlan, counter: { next: number }): EntityPlan {
  const props = new Set(draft.props);
  const fields: PlanField[] = [];
  for (const f of draft.fields) {
    if (counter.next >= MAX_COMPILED_FIELDS) {
      for (const p of SLIM_PROPS) props.add(p);
      continue;
    }
    const { shape: _shape, identity: _identity, child, ...rest } = f;
    const key = `f${counter.next++}`;
    fields.push({ ...rest, key, child: child ? number(child, counter) : null });
  }
  return { kinds: draft.kinds, props: canonicalProps(props), fields };
}

/** Cypher label test for `v` being one of `kinds` (labels come from the schema, never from a client). */
const labelTest = (v: string, kinds: Iterable<EntityKind>) => [...kinds].map((k) => `${v}:${typeNameOfKind(k)}`).join(' OR ');

/**
 * The fields of RelationEdge and the relationship properties each reads (type and direction come from the
 * relationship itself, evidence from all of its properties): only those asked for are fetched. The
 * deprecated `inferred` is computed from `derivation`.
 */
const EDGE_PROPS: Readonly<Record<string, readonly string[]>> = {
  id: ['id'],
  kind: ['kind'],
  label: ['label'],
  year: ['year'],
  date: ['date'],
  share: ['share'],
  role: ['role'],
  derivation: ['derivation'],
  rule: ['rule'],
  inferred: ['derivation'],
};

/** The map projection of the entity bound to `v`, as `plan` asks. */
export function projection(plan: EntityPlan, v: string, depth = 0): string {
  const parts = plan.props.map((p) => `.${p}`);
  for (const f of plan.fields) {
    let expr = fieldExpression(f, v, depth + 1);
    const partial = [...plan.kinds].some((k) => !f.kinds.has(k));
    if (partial) expr = `CASE WHEN ${labelTest(v, f.kinds)} THEN ${expr} END`;
    parts.push(`${f.key}: ${expr}`);
  }
  return `${v} {${parts.join(', ')}}`;
}

function fieldExpression(f: PlanField, v: string, depth: number): string {
  const o = `o${depth}`;
  const r = `r${depth}`;
  switch (f.rule.kind) {
    case 'degree':
      return `COUNT { (${v})--(:Entity) }`;
    case 'metricValues':
      return `COLLECT { MATCH (${v})-[:HAS_VALUE]->(${o}:MetricValue) RETURN ${o} {.*} ORDER BY ${o}.year }`;
    case 'mentions':
      return `COLLECT { UNWIND ${v}.mentionLines AS ln${depth} MATCH (${o}:Line {number: ln${depth}}) RETURN {line: ${o}.number, text: ${o}.text, section: ${o}.section} ORDER BY ${o}.number }`;
    case 'neighbours': {
      const { types, direction, kinds, one } = f.rule;
      for (const t of types) if (!IDENTIFIER.test(t)) throw new Error(`translate: relationship type ${t} is not an identifier`);
      const rel = `[${r}:${types.join('|')}]`;
      const pattern =
        direction === 'OUT'
          ? `(${v})-${rel}->(${o}:Entity)`
          : direction === 'IN'
            ? `(${v})<-${rel}-(${o}:Entity)`
            : `(${v})-${rel}-(${o}:Entity)`;
      const where = kinds?.length ? ` WHERE ${labelTest(o, kinds as EntityKind[])}` : '';
      // Distinct entities by id, as the classic resolver (neighbours() in src/schema/entity.ts) orders them.
      const body = `MATCH ${pattern}${where} WITH DISTINCT ${o} ORDER BY ${o}.id${one ? ' LIMIT 1' : ''} RETURN ${projection(f.child as EntityPlan, o, depth)}`;
      return one ? `head(COLLECT { ${body} })` : `COLLECT { ${body} }`;
    }
    case 'relations': {
      const p = `$${f.key}`;
      const conditions: Record<RelationFilter, string> = {
        types: `(${p}_types IS NULL OR type(${r}) IN ${p}_types)`,
        direction: `(${p}_direction = 'BOTH' OR (startNode(${r}) = ${v}) = (${p}_direction = 'OUT'))`,
        kinds: `(${p}_kinds IS NULL OR ${o}.kind IN ${p}_kinds)`,
        year: `(${p}_year IS NULL OR ${r}.year = ${p}_year)`,
      };
      const given = (Object.keys(conditions) as RelationFilter[]).filter((k) => f.filters?.has(k) ?? true).map((k) => conditions[k]);
      const match = `MATCH (${v})-[${r}]-(${o}:Entity)${given.length ? ` WHERE ${given.join(' AND ')}` : ''}`;
      const props = f.wholeRelation ? `properties(${r})` : `${r} {${(f.relationProps ?? []).map((x) => `.${x}`).join(', ')}}`;
      const rows = `COLLECT { ${match} WITH ${r}, ${o} ORDER BY type(${r}), ${o}.id, ${r}.id LIMIT toInteger(${p}_limit) RETURN {type: type(${r}), direction: CASE WHEN startNode(${r}) = ${v} THEN 'OUT' ELSE 'IN' END, props: ${props}, node: ${projection(f.child as EntityPlan, o, depth)}} }`;
      const total = f.counted ? `COUNT { ${match} }` : 'null';
      return `{rows: ${rows}, total: ${total}}`;
    }
  }
}

/** Rows more than this many per relations field are not fetched (a hub has a few thousand). */
export const MAX_RELATIONS = 10_000;

/** The parameters of the fields of `plan` that take arguments, from this request's variables. */
export function parameters(plan: EntityPlan, variables: Variables, out: Record<string, unknown> = {}): Record<string, unknown> {
  for (const f of plan.fields) {
    if (f.rule.kind === 'relations' && f.args) {
      const a = getArgumentValues(f.args.def, f.args.node, variables as Record<string, unknown>) as {
        types?: string[] | null;
        relationTypes?: string[] | null;
        direction?: string | null;
        kinds?: string[] | null;
        year?: number | null;
        first?: number | null;
        after?: string | null;
        last?: number | null;
        before?: string | null;
      };
      const types = a.relationTypes?.length ? a.relationTypes : a.types;
      const given = (k: RelationFilter) => f.filters?.has(k) ?? true;
      if (given('types')) out[`${f.key}_types`] = types?.length ? types : null;
      if (given('direction')) out[`${f.key}_direction`] = a.direction ?? 'BOTH';
      if (given('kinds')) out[`${f.key}_kinds`] = a.kinds?.length ? a.kinds : null;
      if (given('year')) out[`${f.key}_year`] = a.year ?? null;
      // Only a first page can be cut in the database: it needs one row more to tell whether more follow.
      const firstPage = a.after == null && a.before == null && a.last == null && typeof a.first === 'number' && a.first >= 0;
      out[`${f.key}_limit`] = firstPage ? Math.min((a.first as number) + 1, MAX_RELATIONS) : MAX_RELATIONS;
    }
    if (f.child) parameters(f.child, variables, out);
  }
  return out;
}

export interface CompileInput {
  schema: GraphQLSchema;
  fragments: Fragments;
  variables: Variables;
  types: readonly GraphQLObjectType[];
  sets: readonly (SelectionSetNode | undefined)[];
}

/** The plan for entities of `types` selected by `sets`. */
export function compilePlan(input: CompileInput): EntityPlan {
  const c: Compiler = { schema: input.schema, fragments: input.fragments, variables: input.variables, nodeIds: new Map() };
  return number(draftEntity(c, input.types, input.sets), { next: 0 });
}
