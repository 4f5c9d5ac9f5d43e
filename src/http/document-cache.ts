import type { DocumentNode } from 'graphql';
import { type BoundedCache, boundedCache, stringBytes } from '../bounded-cache.js';

/**
 * Heap bytes a parsed document costs per token, beyond its text: the Token (kept in a linked list for
 * locations) and the AST node and Location most tokens bring. Measured with graphql 16 on Node 20: ~300
 * for a dense query (30 aliased lookups, 814 tokens: 244 KB), ~130 for comment tokens, which have no node.
 */
export const BYTES_PER_TOKEN = 300;

/** Tokens of a parsed document, comments included (graphql-js links them all from loc.startToken). */
function tokenCount(doc: DocumentNode, text: string): number {
  let n = 0;
  for (let t = doc.loc?.startToken ?? null; t; t = t.next) n++;
  return n || Math.ceil(text.length / 3);
}

/** An estimate of what a cached document holds on the heap: its text (the key, which the AST's source shares) and its tokens. */
export function documentBytes(doc: DocumentNode, text: string): number {
  return stringBytes(text) + tokenCount(doc, text) * BYTES_PER_TOKEN;
}

export interface DocumentCacheBudget {
  /** Parsed documents (yoga's parser cache; validation results hang off them in a WeakMap). */
  documentBytes: number;
}

/**
 * yoga's parser cache (`parserAndValidationCache`), bounded by bytes instead of its default 1,024 entries
 * of any size: 1,024 unique 90 KB documents held ~200 MB. Parse errors are cached too, in a quarter of the
 * budget, keyed by the text. A document estimated above 1/32 of the budget is parsed every time instead.
 * The validation cache is yoga's WeakMap keyed by the cached document, so it lives and dies with it.
 */
export function documentCaches(budget: DocumentCacheBudget): {
  documentCache: BoundedCache<DocumentNode>;
  errorCache: BoundedCache<object>;
} {
  return {
    documentCache: boundedCache<DocumentNode>({
      maxBytes: budget.documentBytes,
      maxEntryBytes: Math.floor(budget.documentBytes / 32),
      sizeOf: documentBytes,
    }),
    errorCache: boundedCache<object>({
      maxBytes: Math.floor(budget.documentBytes / 4),
      maxEntryBytes: Math.floor(budget.documentBytes / 128),
      // The error keeps the text (its source) and a message, locations and extensions of a few hundred bytes.
      sizeOf: (_error, text) => stringBytes(text) + 1_024,
    }),
  };
}
