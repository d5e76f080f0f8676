import type { ServiceName } from '@oms/local-infra';
import type { Role } from '@oms/auth';
import { authAs, waitFor } from '@oms/testing';
import type { E2eSystem } from './e2e-system';

/** Who calls: a role (a default subject), or a role with the token's subject (a named service rep, say). */
export type Caller = Role | { role: Role; sub: string };

/** JSON over HTTP to one service as `caller` (admin by default); throws with the body when the status is not the expected one. */
export async function call<T = any>( // eslint-disable-line @typescript-eslint/no-explicit-any
  system: E2eSystem, service: ServiceName, method: string, path: string, body?: unknown, expected: number[] = [200, 201, 202], caller: Caller = 'admin',
): Promise<T> {
  const response = await fetch(`${system.url(service)}${path}`, {
    method,
    headers: { ...(typeof caller === 'string' ? authAs(caller) : authAs(caller.role, caller.sub)), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!expected.includes(response.status)) throw new Error(`${method} ${service}${path} answered ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Polls a GET until `until` holds (events take a moment to cross services). */
export function eventually<T>(system: E2eSystem, service: ServiceName, path: string, until: (body: T) => boolean, timeoutMs = 30000): Promise<T> {
  return waitFor(() => call<T>(system, service, 'GET', path), until, { timeoutMs, intervalMs: 200, what: `${service} GET ${path}` });
}
