import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/yoga.js';
import { testApp } from './helpers.js';

const t = testApp();
const cached = createApp(t.state, { responseCache: { ttlSeconds: 60 } });
afterAll(() => t.close());

const QUERY = /* GraphQL */ 'query ($id: ID!) { entity(id: $id) { id nameZh } }';
const url = (id: string) =>
  `http://yoga/graphql?query=${encodeURIComponent(QUERY)}&variables=${encodeURIComponent(JSON.stringify({ id }))}`;
const get = (id: string, headers: Record<string, string> = {}) => cached.fetch(url(id), { headers });

/** The ETag of a GET for `id`, asked twice so that the second answer comes from the cache. */
async function etagOf(id: string): Promise<string> {
  await (await get(id)).text();
  const res = await get(id);
  expect(res.status).toBe(200);
  await res.text();
  const etag = res.headers.get('etag');
  expect(etag).toMatch(/^"[0-9a-f]+"$/);
  return etag ?? '';
}

describe('conditional requests (RESPONSE_CACHE=on): 304 only for this request’s own answer, only for GET', () => {
  it('a GET whose If-None-Match is the ETag of its own answer gets 304 (also as a weak tag, or in a list)', async () => {
    const etag = await etagOf('partner/meituan');
    for (const header of [etag, `W/${etag}`, `"other", ${etag}`]) {
      const res = await get('partner/meituan', { 'if-none-match': header });
      expect(res.status, header).toBe(304);
      expect(await res.text()).toBe('');
      expect(res.headers.get('etag')).toBe(etag);
      expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    }
  });

  it('two GETs differing only in variables do not share a 304: the other request’s ETag gets 200 with the body', async () => {
    const a = await etagOf('partner/meituan');
    const b = await etagOf('partner/china-telecom');
    expect(b).not.toBe(a);
    const res = await get('partner/china-telecom', { 'if-none-match': a });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe(b);
    expect(await res.json()).toEqual({ data: { entity: { id: 'partner/china-telecom', nameZh: expect.any(String) } } });
  });

  it('a POST never gets 304, even with the ETag of its own answer', async () => {
    const etag = await etagOf('partner/meituan');
    const res = await cached.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'if-none-match': etag },
      body: JSON.stringify({ query: QUERY, variables: { id: 'partner/meituan' } }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { entity: { id: 'partner/meituan', nameZh: '美團' } } });
  });

  it('an answer with errors has no ETag, so If-None-Match cannot turn it into a 304', async () => {
    const etag = await etagOf('partner/meituan');
    const res = await cached.fetch(`http://yoga/graphql?query=${encodeURIComponent('{ nope }')}`, { headers: { 'if-none-match': etag } });
    expect(res.status).not.toBe(304);
    expect(res.headers.get('etag')).toBeNull();
    expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe(
      'GRAPHQL_VALIDATION_FAILED',
    );
  });
});
