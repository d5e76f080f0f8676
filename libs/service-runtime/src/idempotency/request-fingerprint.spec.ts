import { requestFingerprint } from './request-fingerprint';

describe('requestFingerprint', () => {
  it('ignores the order of object keys', () => {
    expect(requestFingerprint('post', '/orders', { a: 1, b: { c: [1, 2], d: null } })).toBe(requestFingerprint('POST', '/orders', { b: { d: null, c: [1, 2] }, a: 1 }));
  });

  it('tells apart a different body, path, query or method', () => {
    const base = requestFingerprint('POST', '/stock?x=1', { delta: 5 });
    expect(requestFingerprint('POST', '/stock?x=1', { delta: 6 })).not.toBe(base);
    expect(requestFingerprint('POST', '/stock?x=2', { delta: 5 })).not.toBe(base);
    expect(requestFingerprint('POST', '/other?x=1', { delta: 5 })).not.toBe(base);
    expect(requestFingerprint('PUT', '/stock?x=1', { delta: 5 })).not.toBe(base);
    expect(requestFingerprint('POST', '/stock?x=1', [5])).not.toBe(base);
  });

  it('treats a missing body as an empty one', () => {
    expect(requestFingerprint('POST', '/x', undefined)).toBe(requestFingerprint('POST', '/x', null));
    expect(requestFingerprint('POST', '/x', {})).not.toBe(requestFingerprint('POST', '/x', undefined));
  });
});
