import { ENTITY_KINDS, RELATION_TYPES } from '../../model/index.js';
import type { ExportFile } from './files.js';
import type { Filters } from './rows.js';

/** A query parameter the export refuses: which one, and what it allows. */
export class BadParam extends Error {
  constructor(
    message: string,
    readonly parameter: string,
    readonly allowed?: readonly string[],
  ) {
    super(message);
  }
}

/** What each parameter means, for the /export index. */
export const PARAM_HELP: Record<keyof Filters, string> = {
  kinds: `Comma-separated entity kinds (${ENTITY_KINDS.join(', ')}).`,
  types: `Comma-separated relationship types (${RELATION_TYPES.join(', ')}).`,
  categories: 'Comma-separated metric categories as printed (e.g. 以人為本,低碳發展).',
};

/** The list in a query parameter (comma-separated, and/or repeated); null when absent. */
function listParam(url: URL, name: string, allowed?: readonly string[]): string[] | null {
  const raw = url.searchParams
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  if (raw.length === 0) return null;
  if (!allowed) return [...new Set(raw)];
  const values = raw.map((v) => v.toUpperCase());
  const unknown = values.filter((v) => !allowed.includes(v));
  if (unknown.length > 0)
    throw new BadParam(
      `Unknown ${name === 'kinds' ? 'kind' : 'relationship type'} ${unknown.map((u) => `"${u}"`).join(', ')} in ?${name}=. Use one or more of: ${allowed.join(', ')}.`,
      name,
      allowed,
    );
  return [...new Set(values)];
}

/** The filters of a request for `file`; throws BadParam on a parameter the file does not take or an unknown value. */
export function parseFilters(url: URL, file: ExportFile): Filters {
  for (const key of new Set(url.searchParams.keys()))
    if (!(file.params as string[]).includes(key))
      throw new BadParam(
        `Unknown query parameter "${key}". This export accepts: ${file.params.length > 0 ? file.params.join(', ') : 'none'}.`,
        key,
        file.params,
      );
  return {
    kinds: listParam(url, 'kinds', ENTITY_KINDS),
    types: listParam(url, 'types', RELATION_TYPES),
    categories: listParam(url, 'categories'),
  };
}
