import { offsetToCursor } from '@pothos/plugin-relay';
import { afterAll, describe, expect, it } from 'vitest';
import { DOCUMENTED_CODES } from '../src/errors.js';
import { MAX_OFFSET } from '../src/schema/pagination.js';
import { testApp } from './helpers.js';

/** What must never appear in a response: stack lines, driver and query-language names, file paths. */
const LEAKS = [/\n\s+at /, /\bat [\w.<>]+ \(/, /neo4j/i, /Neo4jError/, /cypher/i, /\/work\/|node_modules|\.ts:\d+/, /bolt:\/\//];

type Expect = 'ok' | 'error' | 'any';
interface Case {
  name: string;
  expect: Expect;
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

const json = (name: string, expect: Expect, payload: unknown, headers: Record<string, string> = {}): Case => ({
  name,
  expect,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(payload),
});
const q = (name: string, expect: Expect, query: string, variables?: unknown) => json(name, expect, { query, variables });
const raw = (name: string, expect: Expect, body: string | Uint8Array, contentType = 'application/json'): Case => ({
  name,
  expect,
  headers: { 'content-type': contentType },
  body,
});
const nest = (levels: number) =>
  `{ entity(id: "partner/meituan") { ${'relations { edges { node { '.repeat(levels)}id${' } } }'.repeat(levels)} } }`;
const aliases = (n: number, field = '__typename') => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
/** "Billion laughs": each fragment spreads the previous one ten times. */
const laughs = (levels: number) => {
  const frags = [`fragment F0 on Query { __typename }`];
  for (let i = 1; i <= levels; i++) frags.push(`fragment F${i} on Query { ${`...F${i - 1} `.repeat(10)}}`);
  return `{ ...F${levels} } ${frags.join(' ')}`;
};

const LUCENE_AND_CYPHER = [
  'a AND b',
  'nameZh:美團',
  '*',
  '?',
  '~',
  'tele~2',
  '"unclosed',
  '(',
  ')',
  '[a TO z]',
  '{a TO z}',
  '\\',
  '/regex.*/',
  '+-&&||!',
  'china^2',
  'a OR',
  'NOT',
  '*:*',
  "') RETURN n //",
  'MATCH (n) DETACH DELETE n',
  "'; CALL db.labels() //",
  '$param',
  '`backtick`',
  '美團 AND 中国',
  'a:b:c',
  '"}]) RETURN 1 //',
  '\\u0000',
  '%00',
  '<script>alert(1)</script>',
  '$' + '{jndi:ldap://x}',
];

const CASES: Case[] = [
  // Malformed JSON and bodies
  raw('empty body', 'error', ''),
  raw('lone brace', 'error', '{'),
  raw('truncated', 'error', '{"query":'),
  raw('json null', 'error', 'null'),
  raw('json number', 'error', '123'),
  raw('json string', 'error', '"{ __typename }"'),
  raw('json true', 'error', 'true'),
  raw('empty object', 'error', '{}'),
  raw('query is a number', 'error', '{"query": 5}'),
  raw('query is null', 'error', '{"query": null}'),
  raw('query is an object', 'error', '{"query": {"a": 1}}'),
  raw('variables is a string', 'error', '{"query":"{ __typename }","variables":"x"}'),
  raw('variables is an array', 'error', '{"query":"{ __typename }","variables":[1]}'),
  raw('operationName is a number', 'error', '{"query":"{ __typename }","operationName":5}'),
  raw('extensions is a string', 'error', '{"query":"{ __typename }","extensions":"x"}'),
  raw('trailing garbage', 'error', '{"query":"{ __typename }"} xyz'),
  raw('single quotes', 'error', "{'query':'{ __typename }'}"),
  raw('comments in json', 'error', '{"query":"{ __typename }" /* c */}'),
  raw('deeply nested json', 'any', `{"query":"{ __typename }","variables":{"a":${'['.repeat(5000)}${']'.repeat(5000)}}}`),
  raw('huge number', 'any', '{"query":"{ __typename }","variables":{"a":1e999999}}'),
  // Content types and methods
  raw('text/plain with json', 'any', JSON.stringify({ query: '{ __typename }' }), 'text/plain'),
  raw('xml', 'error', '<query>{ __typename }</query>', 'application/xml'),
  raw('multipart without boundary', 'error', 'x', 'multipart/form-data'),
  raw('form urlencoded', 'any', 'query=%7B__typename%7D', 'application/x-www-form-urlencoded'),
  raw('application/graphql', 'any', '{ __typename }', 'application/graphql'),
  raw('json with latin1 charset', 'any', JSON.stringify({ query: '{ __typename }' }), 'application/json; charset=latin1'),
  raw('octet-stream', 'error', JSON.stringify({ query: '{ __typename }' }), 'application/octet-stream'),
  { name: 'no content type', expect: 'any', body: JSON.stringify({ query: '{ __typename }' }) },
  { name: 'GET without query', expect: 'error', method: 'GET', headers: { accept: 'application/json' } },
  { name: 'GET with mutation', expect: 'error', method: 'GET', path: '/graphql?query=mutation%7B__typename%7D' },
  { name: 'GET with bad variables', expect: 'error', method: 'GET', path: '/graphql?query=%7B__typename%7D&variables=%7Bx' },
  { name: 'GET ok', expect: 'ok', method: 'GET', path: '/graphql?query=%7B__typename%7D' },
  { name: 'PUT', expect: 'error', method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' },
  { name: 'DELETE', expect: 'error', method: 'DELETE' },
  { name: 'PATCH', expect: 'error', method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' },
  { name: 'unknown path', expect: 'error', method: 'GET', path: '/graphql/../../etc/passwd' },
  {
    name: 'accept only xml',
    expect: 'any',
    headers: { 'content-type': 'application/json', accept: 'application/xml' },
    body: '{"query":"{ __typename }"}',
  },
  // Invalid GraphQL
  q('open brace', 'error', '{'),
  q('close brace', 'error', '}'),
  q('unterminated query', 'error', 'query {'),
  q('missing arg value', 'error', '{ entity(id: ) { id } }'),
  q('missing paren', 'error', '{ entity(id: "x" { id } }'),
  q('misspelt keyword', 'error', 'quer { __typename }'),
  q('bare spread', 'error', '{ ... }'),
  q('unterminated string', 'error', '{ entity(id: "x) { id } }'),
  q('bad number', 'error', '{ entity(id: 1.2.3) { id } }'),
  q('bare at', 'error', '{ __typename @ }'),
  q('fragment on on', 'error', 'fragment on on on { x }'),
  q('alias without field', 'error', '{ a: }'),
  q('only a comment', 'error', '# nothing'),
  q('only whitespace', 'error', '   '),
  q('empty string', 'error', ''),
  q('duplicate operation names', 'error', 'query Q { __typename } query Q { __typename }'),
  q('two anonymous operations', 'error', '{ __typename } { __typename }'),
  json('operationName not in document', 'error', { query: 'query A { __typename }', operationName: 'B' }),
  json('several operations, no name', 'error', { query: 'query A { __typename } query B { __typename }' }),
  q('block string unterminated', 'error', '{ search(query: """abc) { score } }'),
  q('invalid escape', 'error', '{ search(query: "\\x41") { score } }'),
  // Unknown fields, types, arguments
  q('unknown root field', 'error', '{ nope }'),
  q('unknown nested field', 'error', '{ entity(id: "partner/meituan") { nope } }'),
  q('unknown argument', 'error', '{ entity(nope: 1) { id } }'),
  q('unknown type condition', 'error', '{ ... on Nope { __typename } }'),
  q('unknown variable type', 'error', 'query($x: Nope) { __typename }'),
  q('unknown field in fragment', 'error', '{ entity(id: "partner/meituan") { ... on Partner { nope } } }'),
  q('__type of unknown', 'ok', '{ __type(name: "Nope") { name } }'),
  q('variable type mismatch', 'error', 'query($x: Int) { entity(id: $x) { id } }'),
  q('missing required arg (neighborhood)', 'error', '{ neighborhood { truncated } }'),
  q('missing required arg (search)', 'error', '{ search { score } }'),
  q('undefined variable', 'error', '{ entity(id: $x) { id } }'),
  q('unused variable', 'error', 'query($x: ID) { __typename }'),
  q('scalar with selection', 'error', '{ entity(id: "partner/meituan") { id { x } } }'),
  q('object without selection', 'error', '{ entity(id: "partner/meituan") }'),
  q('mutation', 'error', 'mutation { __typename }'),
  q('subscription', 'error', 'subscription { __typename }'),
  q('entity with neither id nor name', 'error', '{ entity { id } }'),
  // Deep nesting
  q('nesting 5 levels', 'error', nest(5)),
  q('nesting 20 levels', 'error', nest(20)),
  q('nesting 100 levels', 'error', nest(100)),
  q('10,000 open braces', 'error', '{'.repeat(10_000)),
  q('nested list literal', 'error', `{ nodes(ids: ${'['.repeat(2000)}"a"${']'.repeat(2000)}) { id } }`),
  q('nested inline fragments', 'error', `{ ${'... on Query { '.repeat(500)}__typename${' }'.repeat(500)} }`),
  // Alias and fragment bombs, cycles
  q('31 aliases', 'error', aliases(31)),
  q('1,000 aliases', 'error', aliases(1_000)),
  q('aliases of search', 'error', aliases(40, 'search(query: "a") { score }')),
  q('aliases hidden in a fragment', 'error', `{ ...F } fragment F on Query ${aliases(40)}`),
  q('30 aliases (allowed)', 'ok', aliases(30)),
  q('fragment bomb 3 levels (1,000 cheap fields)', 'any', laughs(3)),
  q('fragment bomb 6 levels', 'error', laughs(6)),
  q('fragment bomb 9 levels', 'error', laughs(9)),
  q(
    'repeated spread of a heavy fragment (merged: runs once)',
    'any',
    `{ ${'...F '.repeat(50)}} fragment F on Query { entities(first: 100) { edges { node { id } } } }`,
  ),
  q('fragment self cycle', 'error', 'fragment A on Query { ...A } { ...A }'),
  q('fragment two-cycle', 'error', 'fragment A on Query { ...B } fragment B on Query { ...A } { ...A }'),
  q('fragment three-cycle', 'error', 'fragment A on Query { ...B } fragment B on Query { ...C } fragment C on Query { ...A } { ...A }'),
  q('unknown fragment', 'error', '{ ...Nope }'),
  q('unused fragment', 'error', '{ __typename } fragment F on Query { __typename }'),
  // Directives
  q('21 directives', 'error', `{ __typename ${'@include(if: true) '.repeat(21)}}`),
  q('500 directives', 'error', `{ __typename ${'@skip(if: false) '.repeat(500)}}`),
  q('unknown directive', 'error', '{ __typename @nope }'),
  q('skip without if', 'error', '{ __typename @skip }'),
  q('include with a string', 'error', '{ __typename @include(if: "yes") }'),
  q('deprecated on a field', 'error', '{ __typename @deprecated }'),
  q(
    'directives spread over aliases',
    'error',
    `{ ${Array.from({ length: 25 }, (_, i) => `a${i}: __typename @include(if: true)`).join(' ')} }`,
  ),
  // Numbers out of range
  q('entities first 101', 'error', '{ entities(first: 101) { edges { cursor } } }'),
  q('entities first -1', 'error', '{ entities(first: -1) { edges { cursor } } }'),
  q('entities first 2^31', 'error', '{ entities(first: 2147483648) { edges { cursor } } }'),
  q('entities first float', 'error', '{ entities(first: 1.5) { edges { cursor } } }'),
  q('entities first string', 'error', '{ entities(first: "10") { edges { cursor } } }'),
  q('entities first 0', 'ok', '{ entities(first: 0) { edges { cursor } } }'),
  q('entities bad cursor', 'error', '{ entities(after: "nope") { edges { cursor } } }'),
  q('entities year -999999', 'ok', '{ entities(year: -999999) { edges { cursor } } }'),
  q('metrics first 1000', 'error', '{ metrics(first: 1000) { edges { cursor } } }'),
  q('mentions first 101', 'error', '{ entity(id: "partner/meituan") { mentions(first: 101) { edges { cursor } } } }'),
  q('relations first -5', 'error', '{ entity(id: "partner/meituan") { relations(first: -5) { edges { cursor } } } }'),
  q('neighborhood depth 4', 'error', '{ neighborhood(id: "partner/meituan", depth: 4) { truncated } }'),
  q('neighborhood depth -1', 'error', '{ neighborhood(id: "partner/meituan", depth: -1) { truncated } }'),
  q('neighborhood depth 999999', 'error', '{ neighborhood(id: "partner/meituan", depth: 999999) { truncated } }'),
  q('neighborhood limit 0', 'error', '{ neighborhood(id: "partner/meituan", limit: 0) { truncated } }'),
  q('neighborhood limit 1001', 'error', '{ neighborhood(id: "partner/meituan", limit: 1001) { truncated } }'),
  q('neighborhood limit -2^31', 'error', '{ neighborhood(id: "partner/meituan", limit: -2147483648) { truncated } }'),
  q('paths maxLength 0', 'error', '{ paths(from: "partner/meituan", to: "region/beijing", maxLength: 0) { length } }'),
  q('paths maxLength 7', 'error', '{ paths(from: "partner/meituan", to: "region/beijing", maxLength: 7) { length } }'),
  q('paths maxLength 100', 'error', '{ paths(from: "partner/meituan", to: "region/beijing", maxLength: 100) { length } }'),
  q('paths first 0', 'error', '{ paths(from: "partner/meituan", to: "region/beijing", first: 0) { length } }'),
  q('paths first 21', 'error', '{ paths(from: "partner/meituan", to: "region/beijing", first: 21) { length } }'),
  q('search first 51', 'error', '{ search(query: "美團", first: 51) { score } }'),
  q('search first -1', 'error', '{ search(query: "美團", first: -1) { score } }'),
  q('metric value year 2^31', 'error', '{ metric(id: "metric/4g-base-stations") { value(year: 2147483648) { year } } }'),
  q('metric value year -1', 'ok', '{ metric(id: "metric/4g-base-stations") { value(year: -1) { year } } }'),
  q('metric change from > to', 'any', '{ metric(id: "metric/4g-base-stations") { change(from: 2020, to: 2018) { percent } } }'),
  // Ids: invalid, foreign, hostile
  q('empty id', 'ok', '{ entity(id: "") { id } }'),
  q('blank id', 'ok', '{ entity(id: " ") { id } }'),
  q('id without kind', 'ok', '{ entity(id: "x") { id } }'),
  q('path traversal id', 'ok', '{ entity(id: "../../etc/passwd") { id } }'),
  q('quote injection id', 'ok', `{ entity(id: "partner/meituan' OR 1=1 //") { id } }`),
  q('foreign global id', 'ok', '{ node(id: "VXNlcjox") { id } }'),
  q('unknown partner', 'ok', '{ entity(id: "partner/does-not-exist") { id } }'),
  q('10k-character id', 'ok', `{ entity(id: "${'x'.repeat(10_000)}") { id } }`),
  q('CJK id', 'ok', '{ entity(id: "partner/美團") { id } }'),
  q('numeric id literal', 'ok', '{ entity(id: 123) { id } }'),
  q('nodes with 1,000 ids', 'ok', `{ nodes(ids: [${Array.from({ length: 1_000 }, (_, i) => `"x${i}"`).join(',')}]) { id } }`),
  q('nodes with 5 unknown ids', 'ok', '{ nodes(ids: ["a", "b", "c", "d", "e"]) { id } }'),
  q('paths from = to', 'error', '{ paths(from: "partner/meituan", to: "partner/meituan") { length } }'),
  q('paths between unknown ids', 'error', '{ paths(from: "x/y", to: "y/z") { length } }'),
  q(
    'paths avoiding everything',
    'ok',
    '{ paths(from: "partner/meituan", to: "region/beijing", avoid: ["company/china-unicom-hk"]) { length } }',
  ),
  q('neighborhood of unknown id', 'error', '{ neighborhood(id: "nope/nope") { truncated } }'),
  q(
    'neighborhood unknown relation types',
    'error',
    '{ neighborhood(id: "partner/meituan", types: ["NOPE", "DETACH DELETE"]) { truncated } }',
  ),
  q('entity by hostile name', 'ok', '{ entity(name: "x\') RETURN n //") { id } }'),
  // Enums
  q('unknown kind', 'error', '{ entities(kinds: [NOPE]) { edges { cursor } } }'),
  q('kind as a string', 'error', '{ entities(kinds: ["PARTNER"]) { edges { cursor } } }'),
  q('unknown order', 'error', '{ entities(orderBy: SIDEWAYS) { edges { cursor } } }'),
  q('lower-case enum', 'error', '{ entities(orderBy: name) { edges { cursor } } }'),
  q('unknown direction', 'error', '{ entity(id: "partner/meituan") { relations(direction: SIDEWAYS) { edges { cursor } } } }'),
  q('enum variable with a bad value', 'error', 'query($k: [EntityKind!]) { entities(kinds: $k) { edges { cursor } } }', { k: ['NOPE'] }),
  // Long strings
  q('search 10k characters', 'error', `{ search(query: "${'美'.repeat(10_000)}") { score } }`),
  q('search empty', 'error', '{ search(query: "") { score } }'),
  q('search blanks', 'error', '{ search(query: "   ") { score } }'),
  q('name 5k characters', 'ok', `{ entity(name: "${'a'.repeat(5_000)}") { id } }`),
  q('sector 20k characters', 'ok', '{ entities(sector: $s) { edges { cursor } } }'.replace('{ entities', 'query($s: String) { entities'), {
    s: 'x'.repeat(20_000),
  }),
  // Lucene syntax and Cypher fragments in search: legal input, must answer without error
  ...LUCENE_AND_CYPHER.map((text) =>
    q(`search text ${JSON.stringify(text)}`, 'ok', 'query($q: String!) { search(query: $q) { score entity { id } } }', { q: text }),
  ),
  // Control characters, odd Unicode, invalid UTF-8
  q('search NUL', 'ok', 'query($q: String!) { search(query: $q) { score } }', { q: 'a\u0000b' }),
  q('search BEL and ESC', 'ok', 'query($q: String!) { search(query: $q) { score } }', { q: '\u0007\u001b[31m美團' }),
  q('search RTL override', 'ok', 'query($q: String!) { search(query: $q) { score } }', { q: '\u202e美團' }),
  q('search zero-width', 'ok', 'query($q: String!) { search(query: $q) { score } }', { q: '美\u200b團' }),
  q('search lone surrogate', 'any', 'query($q: String!) { search(query: $q) { score } }', { q: '\ud800' }),
  q('search emoji', 'ok', 'query($q: String!) { search(query: $q) { score } }', { q: '📶🇨🇳' }),
  q('control char in document', 'error', '{ __typename \u0001 }'),
  raw('invalid UTF-8 bytes', 'error', new Uint8Array([0x7b, 0x22, 0x71, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])),
  raw(
    'invalid UTF-8 inside a string',
    'any',
    new Uint8Array([
      ...new TextEncoder().encode('{"query":"{ search(query: \\"'),
      0xc3,
      0x28,
      ...new TextEncoder().encode('\\") { score } }"}'),
    ]),
  ),
  raw('UTF-8 BOM', 'any', `\ufeff${JSON.stringify({ query: '{ __typename }' })}`),
  // Big bodies
  raw('10 MB body', 'error', JSON.stringify({ query: `{ __typename } #${'x'.repeat(10_000_000)}` })),
  {
    ...raw('10 MB body, Content-Length', 'error', `{"query":"${'x'.repeat(10_000_000)}"}`),
    headers: { 'content-type': 'application/json', 'content-length': '10000014' },
  },
  raw('100 kB + 1 body', 'error', JSON.stringify({ query: `{ __typename } #${'x'.repeat(100_001)}` })),
  // Batching
  raw('batch of two', 'error', JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }])),
  raw('empty batch', 'error', '[]'),
  raw('batch of 100', 'error', JSON.stringify(Array.from({ length: 100 }, () => ({ query: '{ __typename }' })))),
  // Variables
  q('extra unknown variables', 'ok', '{ __typename }', { nope: 1, __proto__x: 2 }),
  q('Int variable as a string', 'error', 'query($n: Int) { entities(first: $n) { edges { cursor } } }', { n: '10' }),
  q('Int variable 2^31', 'error', 'query($n: Int) { entities(first: $n) { edges { cursor } } }', { n: 2 ** 31 }),
  q('Int variable 101', 'error', 'query($n: Int) { entities(first: $n) { edges { cursor } } }', { n: 101 }),
  q('required variable missing', 'error', 'query($q: String!) { search(query: $q) { score } }', {}),
  q('required variable null', 'error', 'query($q: String!) { search(query: $q) { score } }', { q: null }),
  q('list variable as an object', 'error', 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: { a: 1 } }),
  q(
    'prototype pollution variables',
    'ok',
    'query($q: String!) { search(query: $q) { score } }',
    JSON.parse('{"q":"美團","__proto__":{"admin":true}}'),
  ),
];

/** Cursors that are not this server's, at each connection: huge in every spelling, then other forms. */
const spelled = (text: string) => Buffer.from(`OffsetConnection:${text}`).toString('base64');
const NOT_CURSORS: [string, string][] = [
  ['1e21 as text', spelled('1e21')],
  ['1e21', offsetToCursor(1e21)],
  ['1e308', offsetToCursor(1e308)],
  ['2^63', spelled('9223372036854775808')],
  ['2^53', offsetToCursor(2 ** 53)],
  ['-1', offsetToCursor(-1)],
  ['leading zero', spelled('01')],
  ['another library', Buffer.from('arrayconnection:0').toString('base64')],
];
const CONNECTIONS: [string, (args: string) => string][] = [
  ['entities', (args) => `{ entities(${args}) { edges { cursor } } }`],
  ['lines', (args) => `{ lines(${args}) { edges { cursor } } }`],
  ['metrics', (args) => `{ metrics(${args}) { edges { cursor } } }`],
  ['mentions', (args) => `{ entity(id: "partner/meituan") { mentions(${args}) { edges { cursor } } } }`],
  ['relations', (args) => `{ entity(id: "partner/meituan") { relations(${args}) { edges { cursor } } } }`],
];

describe('cursors of every connection', () => {
  const t = testApp();
  afterAll(() => t.close());

  const cases = CONNECTIONS.flatMap(([connection, op]) =>
    (['after', 'before'] as const).flatMap((argument) =>
      NOT_CURSORS.map(([what, cursor]) => [connection, argument, what, op, cursor] as const),
    ),
  );
  it.each(cases)('%s(%s: %s) is BAD_USER_INPUT naming the argument', async (_connection, argument, _what, op, cursor) => {
    const r = await t.gql(op(`${argument}: $c, ${argument === 'after' ? 'first' : 'last'}: 2`).replace('{', 'query($c: String) {'), {
      c: cursor,
    });
    expect(r.errors).toHaveLength(1);
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    expect(r.errors?.[0]?.message).toContain(`\`${argument}\` is not a cursor of this connection`);
  });

  it.each(CONNECTIONS)('%s: the largest cursor it takes pages past the end (empty), a small one pages', async (_connection, op) => {
    const last = await t.gql(op('after: $c, first: 2').replace('{', 'query($c: String) {'), { c: offsetToCursor(MAX_OFFSET) });
    expect(last.errors).toBeUndefined();
    expect(JSON.stringify(last.data)).toContain('"edges":[]');
    const first = await t.gql(op('after: $c, first: 2').replace('{', 'query($c: String) {'), { c: offsetToCursor(0) });
    expect(first.errors).toBeUndefined();
    expect(JSON.stringify(first.data)).toContain(offsetToCursor(1));
  });
});

describe('bad input through app.fetch', () => {
  const t = testApp();
  afterAll(() => t.close());

  it('names every case once, so a failure says which attack it was', () => {
    const seen = new Set<string>();
    const repeated = CASES.map((c) => c.name).filter((n) => seen.has(n) || !seen.add(n));
    expect(repeated).toEqual([]);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const res = await t.app.fetch(`http://yoga${c.path ?? '/graphql'}`, {
      method: c.method ?? 'POST',
      headers: c.headers,
      body: c.body,
    });
    const text = await res.text();
    for (const leak of LEAKS) expect(text, `leak ${leak}`).not.toMatch(leak);
    expect(res.status).toBeLessThan(500);
    let body: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] } = {};
    try {
      body = JSON.parse(text);
    } catch {
      // A bare 4xx (405, 404) without a JSON body is a clear refusal too.
      expect(res.status, text).toBeGreaterThanOrEqual(400);
      expect(c.expect).not.toBe('ok');
      return;
    }
    const errors = body.errors ?? [];
    for (const e of errors) {
      expect(e.message.length, JSON.stringify(e)).toBeGreaterThan(10);
      expect(DOCUMENTED_CODES, JSON.stringify(e)).toContain(e.extensions?.code);
    }
    if (c.expect === 'ok') {
      expect(errors, text.slice(0, 500)).toEqual([]);
      expect(res.status).toBe(200);
    }
    if (c.expect === 'error') expect(res.status >= 400 || errors.length > 0, text.slice(0, 500)).toBe(true);
  });

  it('stays up: a health query answers afterwards', async () => {
    expect(await t.data('{ entity(id: "partner/meituan") { id } }')).toEqual({ entity: { id: 'partner/meituan' } });
    expect((await t.app.fetch('http://yoga/ready')).status).toBe(200);
  });
});
