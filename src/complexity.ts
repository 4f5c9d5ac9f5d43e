import type { FieldComplexityValue } from '@pothos/plugin-complexity';
import { type GraphQLField, getNullableType, isListType } from 'graphql';

const LIST_MULTIPLIER = 10;

/**
 * The cost of one field for the complexity limit: a list counts its contents 10 times, or `first`/`limit`/
 * the number of `ids` times when the client says how many it wants; a connection (whose `edges` list already
 * counts 10) scales by first/10. So `entities(first: 100) { edges { node { relations(first: 100) ... } } }`
 * costs what it can return, not a flat 10 per level.
 */
export function fieldComplexity<Ctx>(
  args: Record<string, unknown>,
  _ctx: Ctx,
  field: GraphQLField<unknown, Ctx, Record<string, unknown>>,
): FieldComplexityValue {
  const asked = [args.first, args.limit].find((v) => typeof v === 'number') as number | undefined;
  const size = asked ?? (Array.isArray(args.ids) ? args.ids.length : undefined);
  const list = isListType(getNullableType(field.type));
  if (size === undefined) return list ? { field: 1, multiplier: LIST_MULTIPLIER } : 1;
  // Out-of-range sizes are refused as BAD_USER_INPUT by the resolver; here they only must not overflow.
  const n = Math.max(1, Math.min(Math.trunc(size), 10_000));
  return { field: 1, multiplier: list ? n : Math.max(1, Math.ceil(n / LIST_MULTIPLIER)) };
}
