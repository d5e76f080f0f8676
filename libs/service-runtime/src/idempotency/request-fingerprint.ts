import { createHash } from 'node:crypto';

/**
 * A stable digest of what a request asks for: method, path with query, and
 * body with object keys in sorted order, so `{"a":1,"b":2}` and
 * `{"b":2,"a":1}` are the same request and any other value is not.
 */
export function requestFingerprint(method: string, url: string, body: unknown): string {
  return createHash('sha256').update(`${method.toUpperCase()} ${url}\n${canonicalJson(body ?? null)}`).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
