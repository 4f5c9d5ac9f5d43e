import { offsetToCursor } from '@pothos/plugin-relay';
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { MAX_OFFSET } from '../src/schema/pagination.js';
import { prng } from './prng.js';

/** Real values from the graph, so a good share of operations reach the database and find something. */
export interface FuzzPools {
  ids: string[];
  names: string[];
  relationTypes: string[];
}

const INTS = [
  -2147483648, -1000, -1, 0, 1, 2, 3, 4, 5, 6, 7, 10, 20, 21, 50, 51, 99, 100, 101, 999, 1000, 1001, 2018, 2019, 2020, 2147483647,
];
const STRINGS = [
  '美團',
  '美团',
  '中国电信',
  '中國聯通',
  '冬奧',
  '5G',
  '扶貧',
  '聯',
  'China Telecom',
  'meituan',
  'university',
  '',
  ' ',
  'a AND b',
  'name:x',
  '*',
  '?',
  'x~2',
  '"',
  '(',
  '[a TO z]',
  '\\',
  '/.*/',
  '+-&&||!^',
  "') RETURN n //",
  'MATCH (n) DETACH DELETE n',
  '$x',
  '`',
  '\u0000',
  '\u202e',
  '😀📶',
  '𠀀𪚥',
  'ｆｕｌｌ',
  '한국어',
];

/** Pothos's offset cursor around any text: the form this server writes, with what a client may put inside. */
const spelled = (text: string) => Buffer.from(`OffsetConnection:${text}`).toString('base64');

/**
 * A cursor a client might send: one this server made (a page inside or past the end of a list), or a huge,
 * negative, fractional, re-spelled, foreign or random one. Only the first kind is a cursor of a connection.
 */
export function randomCursor(rnd: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const r = rnd();
  if (r < 0.25) return offsetToCursor(Math.floor(rnd() * 60));
  if (r < 0.35) return offsetToCursor(pick([100, 1_000, 2 ** 31, 2 ** 32, 1e15, MAX_OFFSET]));
  if (r < 0.55)
    return offsetToCursor(pick([1e21, 1e308, 2 ** 63, 2 ** 53, MAX_OFFSET + 1, -1, 0.5, 1.5, Number.POSITIVE_INFINITY, Number.NaN]));
  if (r < 0.75)
    return spelled(
      pick(['1e21', '1e308', '9223372036854775808', '9'.repeat(400), '-0', '+1', '007', '0x10', '1_000', ' 1', '1 ', '3abc', '', '½', '١']),
    );
  if (r < 0.85)
    return pick([
      offsetToCursor(10).replace(/=+$/, ''),
      ` ${offsetToCursor(3)}`,
      `${offsetToCursor(3)}\n`,
      offsetToCursor(3).toLowerCase(),
    ]);
  if (r < 0.92)
    return pick([Buffer.from('arrayconnection:0').toString('base64'), Buffer.from('OffsetConnection').toString('base64'), 'nope', '', '=']);
  return Array.from({ length: Math.floor(rnd() * 40) }, () => String.fromCharCode(32 + Math.floor(rnd() * 95))).join('');
}

/** True for exactly the cursors this server makes: offsetToCursor(n) for an integer n in 0..MAX_OFFSET. */
export function isServerCursor(cursor: string): boolean {
  const match = /^OffsetConnection:(0|[1-9][0-9]*)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  const offset = Number(match?.[1]);
  return match !== null && offset <= MAX_OFFSET && offsetToCursor(offset) === cursor;
}

export interface FuzzOperation {
  query: string;
  variables: Record<string, unknown>;
}

/** Builds random, schema-valid operations (every argument passed as a variable of its exact type). */
/** How deep generated input objects nest (EntityWhere nests at most 3 levels below the top where). */
const MAX_INPUT_DEPTH = 6;

export class OperationGenerator {
  private vars: { name: string; type: string; value: unknown }[] = [];
  private aliasCount = 0;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly pools: FuzzPools,
    private readonly rnd: () => number,
  ) {}

  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rnd() * xs.length)] as T;
  }

  private chance(p: number): boolean {
    return this.rnd() < p;
  }

  private randomString(): string {
    const r = this.rnd();
    if (r < 0.35) return this.pick(this.pools.names);
    if (r < 0.7) return this.pick(STRINGS);
    if (r < 0.8) return this.pick(this.pools.names).slice(0, 1 + Math.floor(this.rnd() * 3));
    if (r < 0.9) {
      const len = Math.floor(this.rnd() * 12);
      return Array.from({ length: len }, () =>
        String.fromCodePoint(this.pick([0x20, 0x41, 0x4e00, 0x7f8e, 0x1f600, 0x3000]) + Math.floor(this.rnd() * 200)),
      ).join('');
    }
    return this.pick(STRINGS).repeat(1 + Math.floor(this.rnd() * 150));
  }

  private value(type: GraphQLInputType, arg: string, nonNull = false, depth = 0): unknown {
    if (isNonNullType(type)) return this.value(type.ofType, arg, true, depth);
    if (!nonNull && this.chance(0.03)) return null;
    if (isListType(type)) return Array.from({ length: Math.floor(this.rnd() * 4) }, () => this.value(type.ofType, arg, false, depth));
    if (isEnumType(type)) return this.pick(type.getValues()).name;
    if (isInputObjectType(type)) {
      // Recursive inputs (EntityWhere.and/or/relatedTo.where) end: past MAX_INPUT_DEPTH only required fields,
      // deep enough to pass the nesting the API accepts, so that its refusal is fuzzed too.
      const out: Record<string, unknown> = {};
      for (const f of Object.values(type.getFields()))
        if (isNonNullType(f.type) || (depth < MAX_INPUT_DEPTH && this.chance(0.5)))
          out[f.name] = this.value(f.type, f.name, false, depth + 1);
      return out;
    }
    if (isScalarType(type)) {
      switch (type.name) {
        case 'Int':
          return this.chance(0.7) ? this.pick(INTS.filter((n) => Math.abs(n) <= 2020)) : this.pick(INTS);
        case 'Float':
          return this.pick([0, -1.5, 3.14, 1e308, -1e-9]);
        case 'Boolean':
          return this.chance(0.5);
        case 'ID':
          if (arg === 'after' || arg === 'before') return randomCursor(this.rnd);
          return this.chance(0.8) ? this.pick(this.pools.ids) : this.randomString();
        default:
          if (arg === 'types') return this.chance(0.8) ? this.pick(this.pools.relationTypes) : this.randomString();
          if (arg === 'after' || arg === 'before') return randomCursor(this.rnd);
          return this.randomString();
      }
    }
    return null;
  }

  private args(field: GraphQLField<unknown, unknown>): string {
    const chosen = field.args.filter((a: GraphQLArgument) => isNonNullType(a.type) || this.chance(0.5));
    if (chosen.length === 0) return '';
    const parts = chosen.map((a) => {
      const name = `v${this.vars.length}`;
      this.vars.push({ name, type: String(a.type), value: this.value(a.type, a.name) });
      return `${a.name}: $${name}`;
    });
    return `(${parts.join(', ')})`;
  }

  private selection(type: GraphQLNamedType, depth: number, used = new Set<string>()): string {
    if (isLeafType(type)) return '';
    if (isAbstractType(type)) {
      const parts: string[] = [];
      const common = isObjectType(type) ? [] : 'getFields' in type ? Object.values(type.getFields()) : [];
      if (common.length) parts.push(this.fields(common as GraphQLField<unknown, unknown>[], depth, used));
      if (this.chance(0.5)) {
        const concrete = this.pick(this.schema.getPossibleTypes(type));
        parts.push(`... on ${concrete.name} ${this.selection(concrete, depth, used)}`);
      }
      if (parts.length === 0) parts.push('__typename');
      return `{ ${parts.join(' ')} }`;
    }
    if (isObjectType(type)) return `{ ${this.fields(Object.values(type.getFields()) as GraphQLField<unknown, unknown>[], depth, used)} }`;
    return '';
  }

  private fields(all: GraphQLField<unknown, unknown>[], depth: number, used: Set<string>): string {
    const usable = all.filter((f) => depth > 0 || isLeafType(getNamedType(f.type as GraphQLOutputType)));
    const pool = usable.length ? usable : all.filter((f) => isLeafType(getNamedType(f.type)));
    if (pool.length === 0) return '__typename';
    const count = 1 + Math.floor(this.rnd() * Math.min(4, pool.length));
    const out: string[] = [];
    for (let i = 0; i < count; i++) {
      const f = this.pick(pool);
      const named = getNamedType(getNullableType(f.type) as GraphQLOutputType);
      // Alias only a repeated field, with a name unique in the whole operation (fragments share the level).
      const alias = used.has(f.name) ? `a${this.aliasCount++}: ` : '';
      used.add(f.name);
      out.push(`${alias}${f.name}${this.args(f)} ${this.selection(named, depth - 1)}`.trim());
    }
    return out.join(' ');
  }

  /** One operation: 1–2 root fields, nested up to 2–5 levels, random arguments as variables. */
  next(): FuzzOperation {
    this.vars = [];
    this.aliasCount = 0;
    const query = this.schema.getQueryType();
    if (!query) throw new Error('schema has no Query type');
    const roots = Object.values(query.getFields()) as GraphQLField<unknown, unknown>[];
    const depth = 2 + Math.floor(this.rnd() * 4);
    const parts: string[] = [];
    const n = this.chance(0.8) ? 1 : 2;
    for (let i = 0; i < n; i++) {
      const f = this.pick(roots);
      parts.push(`${i > 0 ? `a${this.aliasCount++}: ` : ''}${f.name}${this.args(f)} ${this.selection(getNamedType(f.type), depth)}`.trim());
    }
    const defs = this.vars.length ? `(${this.vars.map((v) => `$${v.name}: ${v.type}`).join(', ')})` : '';
    return {
      query: `query Fuzz${defs} { ${parts.join(' ')} }`,
      variables: Object.fromEntries(this.vars.map((v) => [v.name, v.value])),
    };
  }
}

interface FetchApp {
  fetch(url: string, init: RequestInit): Response | Promise<Response>;
}

async function post(app: FetchApp, body: object): Promise<{ status: number; text: string }> {
  const res = await app.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
}

/** Ids, names and relation types of the graph behind `app`, read through the API itself. */
export async function loadPools(app: FetchApp): Promise<FuzzPools> {
  const ids: string[] = [];
  const names: string[] = [];
  let after: string | null = null;
  for (;;) {
    const r = await post(app, {
      query:
        'query($after: String) { entities(first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id nameZh nameEn } } } }',
      variables: { after },
    });
    const page = JSON.parse(r.text).data.entities;
    for (const { node } of page.edges as { node: { id: string; nameZh: string; nameEn: string | null } }[]) {
      ids.push(node.id);
      names.push(node.nameZh);
      if (node.nameEn) names.push(node.nameEn);
    }
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  const stats = JSON.parse((await post(app, { query: '{ stats { relationTypes } }' })).text).data?.stats;
  const relationTypes: string[] = Array.isArray(stats?.relationTypes)
    ? stats.relationTypes.map((t: unknown) => (typeof t === 'string' ? t : (t as { type: string }).type))
    : [];
  return { ids, names, relationTypes: relationTypes.length ? relationTypes : ['PARTNERS_WITH', 'RUNS'] };
}

export interface FuzzFailure {
  index: number;
  status: number;
  operation: FuzzOperation;
  response: string;
}

export interface FuzzReport {
  count: number;
  seed: number;
  ms: number;
  /** Operations per outcome: "ok", or the first error code of the response. */
  outcomes: Record<string, number>;
  failures: FuzzFailure[];
}

/** Runs `count` generated operations against `app` and sorts every response into a documented outcome or a failure. */
export async function runFuzz(
  app: FetchApp,
  schema: GraphQLSchema,
  pools: FuzzPools,
  o: { count: number; seed: number; concurrency?: number; documented: ReadonlySet<string> },
): Promise<FuzzReport> {
  const gen = new OperationGenerator(schema, pools, prng(o.seed));
  const ops = Array.from({ length: o.count }, () => gen.next());
  const outcomes: Record<string, number> = {};
  const failures: FuzzFailure[] = [];
  const started = performance.now();
  let nextIndex = 0;
  const worker = async () => {
    for (;;) {
      const index = nextIndex++;
      const operation = ops[index];
      if (!operation) return;
      const { status, text } = await post(app, operation);
      let body: { errors?: { extensions?: { code?: string } }[] } | undefined;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      const codes = (body?.errors ?? []).map((e) => e.extensions?.code ?? 'NO_CODE');
      // INTERNAL_SERVER_ERROR is documented (the masked answer to a bug), but no input may cause one.
      const bad = status >= 500 || !body || codes.some((c) => !o.documented.has(c) || c === 'INTERNAL_SERVER_ERROR');
      const outcome = codes[0] ?? (status === 200 ? 'ok' : `HTTP_${status}`);
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      if (bad) failures.push({ index, status, operation, response: text.slice(0, 2_000) });
    }
  };
  await Promise.all(Array.from({ length: o.concurrency ?? 4 }, worker));
  return { count: o.count, seed: o.seed, ms: Math.round(performance.now() - started), outcomes, failures };
}

/**
 * A field that pages with `after`/`before` (`Query.entities`, `Entity.mentions`), and how an operation reaches
 * it from the root: `wrap(field)` is the operation's selection; null where this module does not know how.
 */
export interface ConnectionField {
  name: string;
  wrap: ((field: string) => string) | null;
}

/** Every field of the schema that takes `after` and `before`: Query's own, and the Entity interface's (through `entity(id:)`). */
export function connectionFields(schema: GraphQLSchema, entityId: string): ConnectionField[] {
  const out = new Map<string, ConnectionField>();
  const entity = schema.getType('Entity');
  const onEntity = new Set(entity && 'getFields' in entity ? Object.keys(entity.getFields()) : []);
  const pages = (f: GraphQLField<unknown, unknown>) => f.args.some((a) => a.name === 'after') && f.args.some((a) => a.name === 'before');
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const f of Object.values(type.getFields())) {
      if (!pages(f)) continue;
      if (type === schema.getQueryType()) out.set(`Query.${f.name}`, { name: `Query.${f.name}`, wrap: (field) => field });
      else if (type.getInterfaces().some((i) => i.name === 'Entity') && onEntity.has(f.name))
        out.set(`Entity.${f.name}`, { name: `Entity.${f.name}`, wrap: (field) => `entity(id: ${JSON.stringify(entityId)}) { ${field} }` });
      else out.set(`${type.name}.${f.name}`, { name: `${type.name}.${f.name}`, wrap: null });
    }
  }
  return [...out.values()];
}

export interface CursorFuzzFailure {
  connection: string;
  argument: 'after' | 'before';
  cursor: string;
  status: number;
  response: string;
}

/**
 * Sends `count` random cursors (randomCursor) as `after` or `before` to every connection in turn. A cursor this
 * server makes must page (no error); any other must be refused with BAD_USER_INPUT naming the argument.
 */
export async function runCursorFuzz(
  app: FetchApp,
  connections: readonly ConnectionField[],
  o: { count: number; seed: number },
): Promise<{ outcomes: Record<string, number>; failures: CursorFuzzFailure[] }> {
  const rnd = prng(o.seed);
  const outcomes: Record<string, number> = {};
  const failures: CursorFuzzFailure[] = [];
  for (let i = 0; i < o.count; i++) {
    const connection = connections[i % connections.length];
    if (!connection?.wrap) throw new Error(`no way to reach ${connection?.name ?? 'a connection'} from the root`);
    const argument = rnd() < 0.5 ? 'after' : 'before';
    const cursor = randomCursor(rnd);
    const page = argument === 'after' ? 'first: 2' : 'last: 2';
    const field = `${connection.name.split('.')[1]}(${argument}: $c, ${page}) { edges { cursor } pageInfo { endCursor } }`;
    const { status, text } = await post(app, { query: `query($c: String) { ${connection.wrap(field)} }`, variables: { c: cursor } });
    let body: { data?: unknown; errors?: { extensions?: { code?: string; argument?: string } }[] } | undefined;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const errors = body?.errors ?? [];
    const valid = isServerCursor(cursor);
    const ok = valid
      ? status === 200 && errors.length === 0
      : status === 200 &&
        errors.length === 1 &&
        errors[0]?.extensions?.code === 'BAD_USER_INPUT' &&
        errors[0].extensions.argument === argument;
    const outcome = `${valid ? 'cursor' : 'not a cursor'}: ${errors[0]?.extensions?.code ?? 'ok'}`;
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    if (!ok) failures.push({ connection: connection.name, argument, cursor, status, response: text.slice(0, 1_000) });
  }
  return { outcomes, failures };
}
