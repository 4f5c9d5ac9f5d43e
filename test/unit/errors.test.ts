import { describe, expect, it } from 'vitest';
import { statusOfFailedResult } from '../../src/errors.js';

const unavailable = (path?: string[]) => ({ path, extensions: { code: 'DATABASE_UNAVAILABLE' } });
const timeout = (path?: string[]) => ({ path, extensions: { code: 'QUERY_TIMEOUT' } });

describe('statusOfFailedResult (src/errors.ts): the status of a request whose every field failed', () => {
  it('every field failed for one database reason: that code’s status (503, 504)', () => {
    expect(statusOfFailedResult({ data: { a: null, b: null }, errors: [unavailable(['a']), unavailable(['b', 'edges'])] })).toBe(503);
    expect(statusOfFailedResult({ data: { a: null }, errors: [timeout(['a'])] })).toBe(504);
    expect(statusOfFailedResult({ data: null, errors: [timeout(['a', 'b'])] })).toBe(504);
    expect(statusOfFailedResult({ errors: [unavailable()] })).toBe(503);
  });

  it('partial data, an empty answer without error, mixed reasons or other codes: no status of its own (200)', () => {
    expect(statusOfFailedResult({ data: { a: null, b: { id: 1 } }, errors: [unavailable(['a'])] })).toBeUndefined();
    expect(statusOfFailedResult({ data: { a: null, b: null }, errors: [unavailable(['a'])] })).toBeUndefined();
    expect(statusOfFailedResult({ data: { a: null, b: null }, errors: [unavailable(['a']), timeout(['b'])] })).toBeUndefined();
    expect(statusOfFailedResult({ data: { a: null }, errors: [{ path: ['a'], extensions: { code: 'NOT_FOUND' } }] })).toBeUndefined();
    expect(statusOfFailedResult({ data: { a: null }, errors: [{ path: ['a'] }] })).toBeUndefined();
    expect(statusOfFailedResult({ data: { a: 1 } })).toBeUndefined();
  });
});
