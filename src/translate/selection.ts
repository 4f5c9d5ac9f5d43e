import {
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLIncludeDirective,
  type GraphQLObjectType,
  type GraphQLSchema,
  GraphQLSkipDirective,
  getDirectiveValues,
  isAbstractType,
  Kind,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';

export type Variables = Readonly<Record<string, unknown>>;
export type Fragments = Readonly<Record<string, FragmentDefinitionNode>>;

/** False when @skip(if: true) or @include(if: false) removes the selection for these variables. */
export function included(node: SelectionNode, variables: Variables): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;
}

/** Whether a fragment with type condition `condition` applies to an object of `type`. */
function applies(schema: GraphQLSchema, condition: string | undefined, type: GraphQLObjectType): boolean {
  if (!condition || condition === type.name) return true;
  const conditionType = schema.getType(condition);
  return conditionType != null && isAbstractType(conditionType) && schema.isSubType(conditionType, type);
}

/**
 * The fields `sets` select on an object of `type`, grouped by response key in document order: what
 * graphql-js's CollectFields computes at execution, here done once at compile time (fragments, inline
 * fragments with type conditions, @skip/@include with the request's variables).
 */
export function collectFields(
  schema: GraphQLSchema,
  fragments: Fragments,
  variables: Variables,
  type: GraphQLObjectType,
  sets: readonly (SelectionSetNode | undefined)[],
): Map<string, FieldNode[]> {
  const out = new Map<string, FieldNode[]>();
  const visited = new Set<string>();
  const walk = (set: SelectionSetNode | undefined) => {
    for (const s of set?.selections ?? []) {
      if (!included(s, variables)) continue;
      if (s.kind === Kind.FIELD) {
        const key = s.alias?.value ?? s.name.value;
        const list = out.get(key);
        if (list) list.push(s);
        else out.set(key, [s]);
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        if (applies(schema, s.typeCondition?.name.value, type)) walk(s.selectionSet);
      } else {
        const name = s.name.value;
        if (visited.has(name) || !Object.hasOwn(fragments, name)) continue;
        visited.add(name);
        const fragment = fragments[name] as FragmentDefinitionNode;
        if (applies(schema, fragment.typeCondition.name.value, type)) walk(fragment.selectionSet);
      }
    }
  };
  for (const set of sets) walk(set);
  return out;
}

/**
 * The names of the variables that @skip/@include read anywhere in the document: a compiled selection
 * depends on their values (and on nothing else of the variables: arguments become parameters).
 */
export function directiveVariables(sets: readonly (SelectionSetNode | undefined)[], fragments: Fragments): string[] {
  const names = new Set<string>();
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode | undefined) => {
    for (const s of set?.selections ?? []) {
      for (const d of s.directives ?? [])
        for (const a of d.arguments ?? []) if (a.value.kind === Kind.VARIABLE) names.add(a.value.name.value);
      if (s.kind === Kind.FRAGMENT_SPREAD) {
        const name = s.name.value;
        if (!seen.has(name) && Object.hasOwn(fragments, name)) {
          seen.add(name);
          walk((fragments[name] as FragmentDefinitionNode).selectionSet);
        }
      } else walk(s.selectionSet);
    }
  };
  for (const set of sets) walk(set);
  return [...names].sort();
}
