import {
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLResolveInfo,
  Kind,
  type OperationDefinitionNode,
  parse,
  validate,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';
import { MAX_COMPILED_DEPTH, MAX_COMPILED_FIELDS } from '../../src/translate/compile.js';
import {
  type EntityWhereInput,
  filterClause,
  MAX_FILTER_IDS,
  MAX_WHERE_BRANCHES,
  MAX_WHERE_DEPTH,
  MAX_WHERE_PARTS,
  MAX_WHERE_SUBQUERIES,
  sortClause,
} from '../../src/translate/filter.js';
import { compileSelection, recordFill } from '../../src/translate/index.js';
import { readEntity } from '../../src/translate/read.js';

/** The info graphql-js hands the root resolver `field` of `query` (what compileSelection reads of it). */
function infoFor(query: string, field: string, variables: Record<string, unknown> = {}): GraphQLResolveInfo {
  const document = parse(query);
  const errors = validate(schema, document);
  if (errors.length) throw new Error(errors.map((e) => e.message).join('; '));
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  const fragments = Object.create(null) as Record<string, FragmentDefinitionNode>;
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  const fieldNodes = operation.selectionSet.selections.filter(
    (s): s is FieldNode => s.kind === Kind.FIELD && (s.alias?.value ?? s.name.value) === field,
  );
  const name = (fieldNodes[0] as FieldNode).name.value;
  const def = schema.getQueryType()?.getFields()[name];
  return {
    schema,
    operation,
    fragments,
    variableValues: variables,
    fieldNodes,
    returnType: def?.type,
    path: { key: field, prev: undefined, typename: 'Query' },
  } as unknown as GraphQLResolveInfo;
}

describe('compileSelection (src/translate): the Cypher each selection becomes, without a database', () => {
  it('partners → programs → branches → regions is one projection with nested COLLECT subqueries', () => {
    const info = infoFor(
      `{ entities(where: {kinds: [PARTNER]}, first: 5) { edges { node { id nameZh ... on Partner { programs { id nameZh branches { id region { id nameZh } } } } } } } }`,
      'entities',
    );
    const compiled = compileSelection(info, ['edges', 'node']);
    expect(compiled.projection).toMatchInlineSnapshot(
      `"n {.id, .kind, .nameZh, f0: CASE WHEN n:Partner THEN COLLECT { MATCH (n)-[r1:RUNS|PARTICIPATES_IN]->(o1:Entity) WHERE o1:Program WITH DISTINCT o1 ORDER BY o1.id RETURN o1 {.id, .kind, .nameZh, f1: COLLECT { MATCH (o1)<-[r2:RUNS|PARTICIPATES_IN]-(o2:Entity) WHERE o2:Branch WITH DISTINCT o2 ORDER BY o2.id RETURN o2 {.id, .kind, f2: head(COLLECT { MATCH (o2)-[r3:LOCATED_IN]->(o3:Entity) WHERE o3:Region WITH DISTINCT o3 ORDER BY o3.id LIMIT 1 RETURN o3 {.id, .kind, .nameZh} })} }} } END}"`,
    );
  });

  it('projects only the properties asked for (id and kind always), evidence only when asked', () => {
    const slim = compileSelection(infoFor('{ entity(id: "partner/meituan") { nameZh nameEn } }', 'entity'));
    expect(slim.projection).toBe('n {.id, .kind, .nameEn, .nameZh}');
    const withEvidence = compileSelection(infoFor('{ entity(id: "partner/meituan") { evidence { line quote } } }', 'entity'));
    expect(withEvidence.projection).toBe(
      'n {.id, .kind, .evidenceLineEnds, .evidenceLines, .evidenceQuotes, .evidenceSections, .evidenceSentences}',
    );
  });

  it('gates a field selected on one kind by its label, and merges a field reached through two fragments', () => {
    const info = infoFor(
      `query { entity(name: "美團") { ...A ... on Partner { degree sector } ... on Program { degree } } }
       fragment A on Entity { degree }`,
      'entity',
    );
    const { projection, plan } = compileSelection(info);
    // degree is asked on every kind (fragment A): ONE subquery without a label test.
    expect(plan.fields.filter((f) => f.responseKeys.includes('degree'))).toHaveLength(1);
    expect(projection).toContain('f0: COUNT { (n)--(:Entity) }');
    expect(projection).not.toContain('CASE WHEN n:Partner THEN COUNT');
    expect(projection).toContain('.sector');
  });

  it('keeps aliases of one field apart, each with its own parameters from the variables', () => {
    const info = infoFor(
      `query R($t: [RelationType!]) { entity(id: "partner/meituan") {
         a: relations(first: 2) { totalCount edges { type node { id } } }
         b: relations(relationTypes: $t, direction: OUT) { edges { evidence { line } node { nameZh } } } } }`,
      'entity',
      { t: ['PARTNERS_WITH'] },
    );
    const compiled = compileSelection(info);
    expect(compiled.plan.fields.map((f) => f.responseKeys)).toEqual([['a'], ['b']]);
    // Only the filters the document gives become parameters (and conditions): `a` gives none.
    expect(compiled.params({ t: ['PARTNERS_WITH'] })).toEqual({
      f0_limit: 3,
      f1_types: ['PARTNERS_WITH'],
      f1_direction: 'OUT',
      f1_limit: 10_000,
    });
    expect(compiled.params({ t: null })).toMatchObject({ f1_types: null, f1_direction: 'OUT' });
    expect(compiled.projection).toContain('f0: {rows: COLLECT { MATCH (n)-[r1]-(o1:Entity) WITH r1, o1 ORDER BY');
    expect(compiled.projection).toContain(
      "MATCH (n)-[r1]-(o1:Entity) WHERE ($f1_types IS NULL OR type(r1) IN $f1_types) AND ($f1_direction = 'BOTH' OR (startNode(r1) = n) = ($f1_direction = 'OUT')) WITH",
    );
    expect(compiled.projection).not.toMatch(/f[01]_kinds|f[01]_year/);
    // Only the alias asking for evidence projects the whole relationship; `a` asks for no relationship
    // property (type and direction are not properties) and fetches none; only `a` counts.
    expect(compiled.projection).toMatch(/f0: \{rows: COLLECT \{.*props: r1 \{\}, .*total: COUNT \{/);
    expect(compiled.projection).toMatch(/f1: \{rows: COLLECT \{.*properties\(r1\).*total: null\}/);
  });

  it('neighborhood and paths project only the properties their nodes and centre ask for; the slim record when a nested field is asked', () => {
    const fill = (q: string, field: string, paths: [string[], ...string[][]]) => recordFill(infoFor(q, field), paths).get('n');
    expect(
      fill('{ neighborhood(id: "partner/meituan") { nodes { id nameZh } center { nameEn } } }', 'neighborhood', [['nodes'], ['center']]),
    ).toBe('n {.id, .kind, .nameEn, .nameZh}');
    expect(fill('{ paths(from: "partner/meituan", to: "region/beijing") { edges { type } } }', 'paths', [['nodes']])).toBe(
      'n {.id, .kind}',
    );
    const nested = fill('{ neighborhood(id: "partner/meituan") { nodes { id degree } } }', 'neighborhood', [['nodes'], ['center']]);
    expect(nested).toContain('.sector');
    expect(nested).toContain('.footnote');
  });

  it('fetches only the relationship properties the edges ask for (RelationEdge.year, label, id ...)', () => {
    const compiled = compileSelection(
      infoFor('{ entity(id: "partner/meituan") { relations { edges { year ... on RelationEdge { label id } node { id } } } } }', 'entity'),
    );
    expect(compiled.projection).toContain('props: r1 {.id, .label, .year}');
  });

  it('compiles once per document and @skip/@include values, and follows them', () => {
    const query = 'query Q($d: Boolean!) { entity(id: "partner/meituan") { nameZh degree @include(if: $d) } }';
    const on = infoFor(query, 'entity', { d: true });
    const first = compileSelection(on);
    expect(compileSelection({ ...on } as GraphQLResolveInfo)).toBe(first);
    expect(first.projection).toContain('COUNT');
    const off = { ...on, variableValues: { d: false } } as GraphQLResolveInfo;
    expect(compileSelection(off).projection).toBe('n {.id, .kind, .nameZh}');
  });

  it('falls back to every scalar property when a field has no rule (its resolver may read any)', () => {
    const compiled = compileSelection(infoFor('{ entity(id: "partner/meituan") { ... on Partner { partnerships { kind } } } }', 'entity'));
    expect(compiled.projection).toContain('.sector');
    expect(compiled.projection).toContain('.footnote');
    expect(compiled.plan.fields).toHaveLength(0);
  });

  it('compiles at most MAX_COMPILED_FIELDS nested fields, MAX_COMPILED_DEPTH deep; the rest is left to the loaders', () => {
    const deep = compileSelection(
      infoFor('{ entity(id: "branch/guangdong") { ... on Branch { branches { branches { branches { branches { id } } } } } } }', 'entity'),
    );
    expect(deep.projection.match(/COLLECT/g)).toHaveLength(MAX_COMPILED_DEPTH);
    const wide = compileSelection(
      infoFor(
        `{ entity(id: "branch/guangdong") { ${Array.from({ length: 10 }, (_, i) => `r${i}: relations(first: ${i + 1}) { totalCount }`).join(' ')} } }`,
        'entity',
      ),
    );
    expect(wide.plan.fields).toHaveLength(MAX_COMPILED_FIELDS);
    expect(wide.projection).toContain('.footnote'); // the parent carries every scalar for the fallback
  });

  it('reads rows into records whose prefetched values only cover their own kind', () => {
    const compiled = compileSelection(
      infoFor('{ node(id: "x") { id ... on Partner { programs { id } } ... on Program { partners { id } } } }', 'node'),
    );
    const key = (responseKey: string) => compiled.plan.fields.find((f) => f.responseKeys.includes(responseKey))?.key as string;
    const partner = readEntity(compiled.plan, {
      id: 'partner/a',
      kind: 'PARTNER',
      [key('programs')]: [{ id: 'program/p', kind: 'PROGRAM' }],
      [key('partners')]: null,
    });
    expect(partner.prefetched?.get('programs')).toEqual([{ id: 'program/p', kind: 'PROGRAM', prefetched: new Map() }]);
    expect(partner.prefetched?.has('partners')).toBe(false);
  });
});

describe('canonical statements (issue 22 item 8): equivalent documents compile to one statement text', () => {
  const plain = `{ entity(id: "partner/meituan") {
    id nameZh nameEn degree
    relations(first: 5, direction: OUT) { totalCount edges { type node { id nameZh } } }
    ... on Partner { programs { id nameZh } sector } } }`;
  // The same needs: other alias names (root and nested), the opposite field and argument order, a named fragment and
  // an inline fragment instead of direct fields, and a field asked twice under two aliases.
  const shuffled = `query Shuffled { mine: entity(id: "partner/meituan") {
    ...Rest
    d1: degree
    rel: relations(direction: OUT, first: 5) { edges { node { nameZh id } type } totalCount }
    ... on Entity { nameEn }
    d2: degree } }
    fragment Rest on Entity { ... on Partner { sector progs: programs { nameZh id } } nameZh id }`;

  it('alias names, field order, argument order, fragments and duplicates leave the text and its parameters alone', () => {
    const a = compileSelection(infoFor(plain, 'entity'));
    const b = compileSelection(infoFor(shuffled, 'mine'));
    expect(b.projection).toBe(a.projection);
    expect(b.params({})).toEqual(a.params({}));
    // degree asked twice: one subquery answers both aliases.
    expect(b.projection.match(/COUNT \{ \(n\)--\(:Entity\) \}/g)).toHaveLength(1);
    expect(b.plan.fields.find((f) => f.rule.kind === 'degree')?.responseKeys).toEqual(['d1', 'd2']);
  });

  it('the same field under two aliases with the same sub-selection is fetched once and answers both', () => {
    const compiled = compileSelection(
      infoFor(
        '{ entity(id: "partner/meituan") { ... on Partner { a: programs { id } b: programs { id } c: programs { nameZh } } } }',
        'entity',
      ),
    );
    expect(compiled.projection.match(/COLLECT/g)).toHaveLength(2);
    const field = compiled.plan.fields.find((f) => f.responseKeys.includes('a'));
    expect(field?.responseKeys).toEqual(['a', 'b']);
    const record = readEntity(compiled.plan, {
      id: 'partner/meituan',
      kind: 'PARTNER',
      ...Object.fromEntries(compiled.plan.fields.map((f) => [f.key, [{ id: 'program/p', kind: 'PROGRAM' }]])),
    });
    expect(record.prefetched?.get('a')).toEqual(record.prefetched?.get('b'));
    expect(record.prefetched?.has('c')).toBe(true);
  });

  it('a genuinely different selection is a different text', () => {
    const a = compileSelection(infoFor(plain, 'entity'));
    const fewer = compileSelection(infoFor('{ entity(id: "partner/meituan") { id nameZh degree } }', 'entity'));
    expect(fewer.projection).not.toBe(a.projection);
  });
});

describe('EntityWhere and EntitySort parameters (src/translate/filter.ts)', () => {
  it('puts only the conditions given in the statement, their values only as parameters', () => {
    const f = filterClause({ kinds: ['PARTNER', 'PROGRAM'], nameContains: '联通', year: { min: 2019 } });
    expect(f.match).toBe('UNWIND $kinds AS kind\nMATCH (n:Entity {kind: kind})');
    expect(f.where).toBe('n.year >= $yearMin\n  AND any(q IN $contains WHERE toLower(n.searchText) CONTAINS q)');
    expect(f.params).toEqual({ kinds: ['PARTNER', 'PROGRAM'], yearMin: 2019, contains: expect.arrayContaining(['联通', '聯通']) });
    // One kind, or every kind: conditions a range index answers in id order (entity_kind_id, entity_id).
    const one = filterClause({ kinds: ['PARTNER'], sectors: ['internet'] });
    expect([one.match, one.where]).toEqual(['MATCH (n:Entity)', 'n.kind = $kind\n  AND n.id IS NOT NULL\n  AND n.sector IN $sectors']);
    expect(one.params).toEqual({ kinds: ['PARTNER'], kind: 'PARTNER', sectors: ['internet'] });
    const all = filterClause(null);
    expect([all.match, all.where]).toEqual(['MATCH (n:Entity)', 'n.id IS NOT NULL']);
    expect(all.params).toEqual({ kinds: expect.arrayContaining(['PARTNER', 'METRIC']) });
    // In a region: the candidates come from the region (not a scan of every entity), then only $kinds.
    const inRegion = filterClause({ kinds: ['BRANCH'], locatedIn: 'region/guangdong' });
    expect(inRegion.match).toMatch(/^MATCH \(place:Entity \{id: \$locatedIn\}\)/);
    expect(inRegion.where).toBe('n.kind IN $kinds');
    expect(inRegion.params).toEqual({ kinds: ['BRANCH'], locatedIn: 'region/guangdong' });
    expect(filterClause({ locatedIn: 'region/guangdong' }).where).toBe('true');
    // Client text never reaches the statement text.
    expect(filterClause({ nameContains: "') DETACH DELETE n //" }).where).not.toContain('DELETE');
  });

  it('folds the deprecated arguments into the same filter; contradicting ones match nothing', () => {
    expect(filterClause(null, { sector: 'university', year: 2020 }).params).toMatchObject({
      sectors: ['university'],
      yearMin: 2020,
      yearMax: 2020,
    });
    expect(filterClause({ year: { min: 2021 } }, { year: 2020 }).where).toMatch(/AND false$/);
  });

  it('refuses an empty range and an empty name with BAD_USER_INPUT naming the argument', () => {
    expect(() => filterClause({ year: { min: 2021, max: 2019 } })).toThrow(/where\.year.*min 2021 above max 2019/);
    expect(() => filterClause({ nameContains: '  ' })).toThrow(/where\.nameContains/);
  });

  it('builds sort keys from enum values only, each computed once, ties by id', () => {
    expect(sortClause([{ by: 'NEIGHBOURS', kind: 'PROGRAM', direction: 'DESC' }, { by: 'NAME' }])).toEqual({
      keys: ', COUNT { MATCH (n)--(o:Entity) WHERE $s0_kind IS NULL OR o.kind = $s0_kind RETURN DISTINCT o } AS s0, coalesce(toLower(n.nameEn), n.nameZh) AS s1',
      order: 's0 IS NULL, s0 DESC, s1 IS NULL, s1 ASC, n.id',
      params: { s0_kind: 'PROGRAM' },
    });
    expect(() => sortClause([{ by: 'NAME', kind: 'PROGRAM' }])).toThrow(/only applies to sort by NEIGHBOURS/);
  });

  it('sorts by id alone in the order an index provides, when the candidates are one kind or every kind', () => {
    expect(sortClause([{ by: 'ID' }], filterClause({ kinds: ['PARTNER'] })).order).toBe('n.kind ASC, n.id ASC');
    expect(sortClause([{ by: 'ID', direction: 'DESC' }], filterClause(null)).order).toBe('n.id DESC');
    // Two kinds: no index lists them in id order; two keys: the general form.
    expect(sortClause([{ by: 'ID' }], filterClause({ kinds: ['PARTNER', 'PROGRAM'] })).order).toBe('s0 IS NULL, s0 ASC');
    expect(sortClause([{ by: 'ID' }, { by: 'NAME' }], filterClause({ kinds: ['PARTNER'] })).order).toBe(
      's0 IS NULL, s0 ASC, s1 IS NULL, s1 ASC',
    );
  });
});

/** The BAD_USER_INPUT a filter is refused with, and the argument it names. */
function refusal(where: EntityWhereInput): { code: unknown; argument: unknown; message: string } {
  try {
    filterClause(where);
  } catch (e) {
    const err = e as { message: string; extensions?: Record<string, unknown> };
    return { code: err.extensions?.code, argument: err.extensions?.argument, message: err.message };
  }
  throw new Error('accepted');
}

describe('EntityWhere.about, relatedTo, and, or (src/translate/filter.ts): one statement, EXISTS subqueries, values as parameters', () => {
  it('about: entities ABOUT any of the themes; the ids are listed for the check, as THEME ids', () => {
    const f = filterClause({ kinds: ['PROGRAM'], about: ['theme/poverty-alleviation', 'theme/rural'] });
    expect(f.where).toBe('n.kind = $kind\n  AND n.id IS NOT NULL\n  AND EXISTS { MATCH (n)-[:ABOUT]->(t1:Entity) WHERE t1.id IN $about }');
    expect(f.params).toEqual({ kinds: ['PROGRAM'], kind: 'PROGRAM', about: ['theme/poverty-alleviation', 'theme/rural'] });
    expect(f.ids).toEqual([
      { argument: 'where.about', id: 'theme/poverty-alleviation', kind: 'THEME' },
      { argument: 'where.about', id: 'theme/rural', kind: 'THEME' },
    ]);
  });

  it('relatedTo {id}: the other end by id, types as a parameter, the direction as the pattern (an enum value)', () => {
    const f = filterClause({ relatedTo: { id: 'program/5g-xr-plan', relationTypes: ['PARTICIPATES_IN'], direction: 'OUT' } });
    expect(f.where).toBe(
      'n.id IS NOT NULL\n  AND EXISTS { MATCH (n)-[rel1]->(m1:Entity {id: $relatedTo_id}) WHERE type(rel1) IN $relatedTo_types }',
    );
    expect(f.params).toMatchObject({ relatedTo_id: 'program/5g-xr-plan', relatedTo_types: ['PARTICIPATES_IN'] });
    expect(f.ids).toEqual([{ argument: 'where.relatedTo.id', id: 'program/5g-xr-plan', kind: null }]);
    expect(filterClause({ relatedTo: { id: 'x/y', direction: 'IN' } }).where).toContain(
      'EXISTS { MATCH (n)<-[rel1]-(m1:Entity {id: $relatedTo_id}) }',
    );
    expect(filterClause({ relatedTo: { id: 'x/y' } }).where).toContain('EXISTS { MATCH (n)-[rel1]-(m1:Entity {id: $relatedTo_id}) }');
  });

  it('relatedTo {where}: partners of programs about 5G, the nested filter on the other end with its own parameters', () => {
    const f = filterClause({ kinds: ['PARTNER'], relatedTo: { where: { kinds: ['PROGRAM'], about: ['theme/5g'] } } });
    expect(f.where).toBe(
      'n.kind = $kind\n  AND n.id IS NOT NULL\n  AND EXISTS { MATCH (n)-[rel1]-(m1:Entity) WHERE m1.kind IN $relatedTo_kinds AND EXISTS { MATCH (m1)-[:ABOUT]->(t2:Entity) WHERE t2.id IN $relatedTo_about } }',
    );
    expect(f.params).toEqual({ kinds: ['PARTNER'], kind: 'PARTNER', relatedTo_kinds: ['PROGRAM'], relatedTo_about: ['theme/5g'] });
    expect(f.ids).toEqual([{ argument: 'where.relatedTo.where.about', id: 'theme/5g', kind: 'THEME' }]);
  });

  it('and / or: branches with parameters of their own; a region inside a branch is a condition, not the candidates', () => {
    const f = filterClause({
      kinds: ['PROGRAM', 'EVENT'],
      or: [{ locatedIn: 'region/guangdong' }, { about: ['theme/5g'], and: [{ nameContains: '5G' }, { year: { min: 2020 } }] }],
    });
    expect(f.match).toBe('UNWIND $kinds AS kind\nMATCH (n:Entity {kind: kind})');
    expect(f.where).toBe(
      '(((EXISTS { MATCH (n)-[:LOCATED_IN]->+(:Entity {id: $or0_locatedIn}) } OR EXISTS { MATCH (n:Program|Product)<-[:RUNS|PARTICIPATES_IN|OFFERS]-(:Branch)-[:LOCATED_IN]->+(:Entity {id: $or0_locatedIn}) }))' +
        ' OR (EXISTS { MATCH (n)-[:ABOUT]->(t1:Entity) WHERE t1.id IN $or1_about } AND any(q IN $or1_and0_contains WHERE toLower(n.searchText) CONTAINS q) AND n.year >= $or1_and1_yearMin))',
    );
    expect(f.params).toEqual({
      kinds: ['PROGRAM', 'EVENT'],
      or0_locatedIn: 'region/guangdong',
      or1_about: ['theme/5g'],
      or1_and0_contains: ['5g'],
      or1_and1_yearMin: 2020,
    });
    expect(f.ids.map((r) => r.argument)).toEqual(['where.or[0].locatedIn', 'where.or[1].about']);
    // An `and` adds its conditions to the others; an empty branch holds always; an empty list is ignored.
    expect(filterClause({ and: [{ sectors: ['internet'] }, { hasRelation: ['SIGNED'] }] }).where).toBe(
      'n.id IS NOT NULL\n  AND n.sector IN $and0_sectors\n  AND EXISTS { MATCH (n)-[r]-(:Entity) WHERE type(r) IN $and1_hasRelation }',
    );
    expect(filterClause({ or: [{}, { kinds: ['AWARD'] }] }).where).toBe('n.id IS NOT NULL\n  AND (true OR (n.kind IN $or1_kinds))');
    expect(filterClause({ or: [] }).where).toBe('n.id IS NOT NULL');
    // The top-level region still chooses the candidates; an unknown top-level id is listed for the check too.
    expect(filterClause({ locatedIn: 'region/tibet' }).ids).toEqual([{ argument: 'where.locatedIn', id: 'region/tibet', kind: null }]);
  });

  it('never puts client text in the statement, however deep', () => {
    const evil = "') DETACH DELETE n //";
    const f = filterClause({
      or: [{ nameContains: evil, relatedTo: { id: evil, where: undefined } }, { and: [{ about: [evil], locatedIn: evil }] }],
    });
    expect(f.where).not.toContain('DELETE');
    expect(JSON.stringify(f.params)).toContain('DETACH DELETE');
  });

  it(`refuses too deep nesting (> ${MAX_WHERE_DEPTH}), too many branches (> ${MAX_WHERE_BRANCHES}), parts (> ${MAX_WHERE_PARTS}) or ids (> ${MAX_FILTER_IDS}) with BAD_USER_INPUT naming the argument`, () => {
    let deep: EntityWhereInput = { kinds: ['PARTNER'] };
    for (let i = 0; i <= MAX_WHERE_DEPTH; i++) deep = { and: [deep] };
    expect(refusal(deep)).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'where.and[0].and[0].and[0].and[0]' });
    expect(refusal(deep).message).toMatch(/nested 4 levels deep.*at most 3/);
    // relatedTo.where counts as a level too.
    expect(refusal({ relatedTo: { where: { or: [{ relatedTo: { where: { and: [{}] } } }] } } })).toMatchObject({
      argument: 'where.relatedTo.where.or[0].relatedTo.where.and[0]',
    });
    // Exactly at the limit is fine.
    let ok: EntityWhereInput = { kinds: ['PARTNER'] };
    for (let i = 0; i < MAX_WHERE_DEPTH; i++) ok = { and: [ok] };
    expect(filterClause(ok).where).toContain('n.kind IN $and0_and0_and0_kinds');

    const wide = { or: Array.from({ length: MAX_WHERE_BRANCHES + 1 }, () => ({ kinds: ['AWARD'] })) };
    expect(refusal(wide)).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'where.or' });
    expect(refusal(wide).message).toMatch(/6 branches; at most 5/);
    const many = { or: Array.from({ length: 5 }, () => ({ and: Array.from({ length: 3 }, () => ({ kinds: ['AWARD'] })) })) };
    expect(refusal(many)).toMatchObject({ code: 'BAD_USER_INPUT', argument: expect.stringMatching(/^where\.or\[\d\]/) });
    expect(refusal(many).message).toMatch(/more than 16 parts/);
    // Subqueries (about, relatedTo, hasRelation, degree, nested locatedIn) are counted over the whole filter.
    const sub = (i: number): EntityWhereInput => (i % 2 ? { about: ['theme/5g'] } : { locatedIn: 'region/x' });
    const heavy = { or: [0, 1, 2, 3, 4].map((b) => ({ and: [sub(b), sub(b + 1)] })), hasRelation: ['SIGNED'] };
    expect(refusal(heavy)).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'where.or[4].and[1].about' });
    expect(refusal(heavy).message).toMatch(new RegExp(`more than ${MAX_WHERE_SUBQUERIES} subquery conditions`));
    expect(filterClause({ ...heavy, hasRelation: null }).where.match(/EXISTS \{/g)).toHaveLength(15);
    expect(refusal({ about: Array.from({ length: MAX_FILTER_IDS + 1 }, (_, i) => `theme/t${i}`) })).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'where.about',
    });
    expect(refusal({ relatedTo: {} })).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'where.relatedTo' });
    expect(refusal({ relatedTo: { id: 'a/b', where: {} } }).message).toMatch(/either `id`.*or `where`.*not both/);
    expect(refusal({ and: [{ year: { min: 3, max: 1 } }] })).toMatchObject({ argument: 'where.and[0].year' });
  });
});

describe('EntityWhere.derivation and RelatedTo.derivations (src/translate/filter.ts): how a fact was derived, as a parameter', () => {
  it('derivation: a condition on the entity itself (no subquery), none recorded counting as STATED as the API shows it', () => {
    const f = filterClause({ kinds: ['THEME', 'METRIC'], derivation: ['RULE', 'RULE'] });
    expect(f.where).toBe("coalesce(n.derivation, 'STATED') IN $derivation");
    expect(f.params).toEqual({ kinds: ['THEME', 'METRIC'], derivation: ['RULE'] });
    // An empty list is ignored, as every empty list of a filter is.
    expect(filterClause({ derivation: [] }).where).toBe('n.id IS NOT NULL');
    // In a branch: a parameter of its own; not a subquery, so it does not count towards MAX_WHERE_SUBQUERIES.
    const or = filterClause({ or: [{ derivation: ['INFERRED'] }, { kinds: ['THEME'], derivation: ['RULE'] }] });
    expect(or.where).toBe(
      "n.id IS NOT NULL\n  AND ((coalesce(n.derivation, 'STATED') IN $or0_derivation) OR (n.kind IN $or1_kinds AND coalesce(n.derivation, 'STATED') IN $or1_derivation))",
    );
    expect(or.params).toMatchObject({ or0_derivation: ['INFERRED'], or1_derivation: ['RULE'] });
    const many = { and: Array.from({ length: 5 }, () => ({ derivation: ['STATED'], about: ['theme/5g'], hasRelation: ['RUNS'] })) };
    expect(filterClause(many).where.match(/EXISTS \{/g)).toHaveLength(10);
  });

  it('relatedTo.derivations: checked on the relationship inside the same EXISTS as relationTypes', () => {
    const f = filterClause({
      kinds: ['BRANCH'],
      relatedTo: { id: 'company/china-unicom-operating', relationTypes: ['BRANCH_OF'], derivations: ['STATED'], direction: 'OUT' },
    });
    expect(f.where).toBe(
      "n.kind = $kind\n  AND n.id IS NOT NULL\n  AND EXISTS { MATCH (n)-[rel1]->(m1:Entity {id: $relatedTo_id}) WHERE type(rel1) IN $relatedTo_types AND coalesce(rel1.derivation, 'STATED') IN $relatedTo_derivations }",
    );
    expect(f.params).toMatchObject({ relatedTo_types: ['BRANCH_OF'], relatedTo_derivations: ['STATED'] });
    // With a nested where: the relationship's derivation, then the other end's own conditions (its derivation among them).
    const nested = filterClause({ relatedTo: { where: { derivation: ['RULE'] }, derivations: ['RULE'] } });
    expect(nested.where).toBe(
      "n.id IS NOT NULL\n  AND EXISTS { MATCH (n)-[rel1]-(m1:Entity) WHERE coalesce(rel1.derivation, 'STATED') IN $relatedTo_derivations AND coalesce(m1.derivation, 'STATED') IN $relatedTo_derivation }",
    );
    expect(filterClause({ relatedTo: { id: 'x/y', derivations: [] } }).where).toContain(
      'EXISTS { MATCH (n)-[rel1]-(m1:Entity {id: $relatedTo_id}) }',
    );
  });
});
