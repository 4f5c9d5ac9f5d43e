import type { FieldNode, FragmentDefinitionNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

function fieldsOf(set: SelectionSetNode | undefined, fragments: Record<string, FragmentDefinitionNode>, out: FieldNode[]): FieldNode[] {
  for (const s of set?.selections ?? []) {
    if (s.kind === 'Field') out.push(s);
    else if (s.kind === 'InlineFragment') fieldsOf(s.selectionSet, fragments, out);
    else fieldsOf(fragments[s.name.value]?.selectionSet, fragments, out);
  }
  return out;
}

/**
 * Whether the entities this field returns (at `path` inside it, e.g. ["edges", "node"] for a connection)
 * will have their generic `relations` resolved: then the resolver fetches every relationship in the same
 * query instead of one more round-trip. (Typed fields such as Partner.programs have their own loader.)
 */
export function selectsRelations(info: GraphQLResolveInfo, path: readonly string[] = []): boolean {
  let fields = fieldsOf(info.fieldNodes[0]?.selectionSet, info.fragments, []);
  for (const step of path)
    fields = fields.filter((f) => f.name.value === step).flatMap((f) => fieldsOf(f.selectionSet, info.fragments, []));
  return fields.some((f) => f.name.value === 'relations');
}
