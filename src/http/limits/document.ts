import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  type DocumentNode,
  GraphQLError,
  Kind,
  NoSchemaIntrospectionCustomRule,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { apiError } from '../../errors.js';

export interface DocumentLimits {
  maxAliases: number;
  maxDirectives: number;
  introspection: boolean;
}

/**
 * Validation rules that depend on the document alone (aliases, directives, introspection, read-only), so
 * yoga may cache their verdict per document. Anything that depends on variables (coercion, depth and cost
 * with `first: $n` or `@include(if: $x)`) runs per request in cost.ts, never here.
 */
export function useDocumentLimits(o: DocumentLimits): Plugin {
  const aliases = maxAliasesRule({
    n: o.maxAliases,
    allowList: [],
    propagateOnRejection: false,
    onReject: [
      (ctx) =>
        ctx?.reportError(
          apiError(
            `The query uses more than ${o.maxAliases} aliases (MAX_ALIASES). Ask for fewer aliased fields, or split the query.`,
            'ALIAS_LIMIT',
            { limit: o.maxAliases },
            { stopsRequest: true },
          ),
        ),
    ],
  });
  const directives = maxDirectivesRule({
    n: o.maxDirectives,
    propagateOnRejection: false,
    onReject: [
      (ctx) =>
        ctx?.reportError(
          apiError(
            `The query uses more than ${o.maxDirectives} directives (MAX_DIRECTIVES). Use fewer @include/@skip directives.`,
            'DIRECTIVE_LIMIT',
            { limit: o.maxDirectives },
            { stopsRequest: true },
          ),
        ),
    ],
  });
  const introspectionOff: ValidationRule = (ctx) =>
    NoSchemaIntrospectionCustomRule(
      Object.assign(Object.create(ctx) as ValidationContext, {
        reportError: () =>
          ctx.reportError(
            apiError(
              'Introspection is disabled on this server (INTROSPECTION=false). See the README for the schema.',
              'INTROSPECTION_DISABLED',
              {},
              { stopsRequest: true },
            ),
          ),
      }),
    );
  // graphql-js 16 only fails a mutation at execution; refuse an operation the schema has no root for here.
  const readOnly: ValidationRule = (ctx) => {
    const doc: DocumentNode = ctx.getDocument();
    for (const d of doc.definitions)
      if (d.kind === Kind.OPERATION_DEFINITION && !ctx.getSchema().getRootType(d.operation))
        ctx.reportError(
          new GraphQLError(`This API is read-only: it has no ${d.operation} operations. Send a query.`, {
            nodes: d,
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
          }),
        );
    return {};
  };

  return {
    onValidate({ addValidationRule }) {
      addValidationRule(aliases);
      addValidationRule(directives);
      addValidationRule(readOnly);
      if (!o.introspection) addValidationRule(introspectionOff);
    },
  };
}
