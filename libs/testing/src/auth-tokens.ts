import { generateKeyPairSync } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type { Role } from '@oms/auth';
import { readSigningKey, signToken, type SigningKey, type TokenRequest } from '@oms/local-infra';
import request from 'supertest';

/** Set by the global setup: the key the run's local issuer publishes. */
export const SIGNING_KEY_VARIABLE = 'OMS_SIGNING_KEY_FILE';

export type TestTokenOptions = Omit<TokenRequest, 'role'>;

let cached: { file: string; key: SigningKey } | undefined;

function signingKey(): SigningKey {
  const file = process.env[SIGNING_KEY_VARIABLE];
  if (!file) throw new Error(`${SIGNING_KEY_VARIABLE} is not set: tokens can only be minted when the tests' global setup runs the local issuer`);
  if (cached?.file !== file) cached = { file, key: readSigningKey(file) };
  return cached.key;
}

/** A valid token of the run's local issuer (sub defaults to `<role>-1`; a customer's sub is its customerId). */
export function testToken(role: Role | Role[], options: TestTokenOptions = {}): string {
  return signToken(signingKey(), { ...options, role });
}

/** `{ authorization: 'Bearer …' }` for supertest's `.set()` or fetch's `headers`. */
export function authAs(role: Role | Role[], sub?: string): { authorization: string } {
  return { authorization: `Bearer ${testToken(role, { sub })}` };
}

/** A supertest agent whose every request carries a token of `role` (admin by default). */
export function httpAs(app: INestApplication, role: Role | Role[] = 'admin', sub?: string) {
  return request.agent(app.getHttpServer()).set(authAs(role, sub));
}

/** Tokens the services must refuse with 401, each for one reason. */
export function badTokens(role: Role = 'admin'): Record<'expired' | 'wrongAudience' | 'wrongIssuer' | 'wrongSignature', string> {
  const key = signingKey();
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const impostor: SigningKey = { kid: key.kid, privateJwk: privateKey.export({ format: 'jwk' }) };
  return {
    expired: signToken(key, { role, expiresInSeconds: -120 }),
    wrongAudience: signToken(key, { role, audience: 'another-api' }),
    wrongIssuer: signToken(key, { role, issuer: 'https://impostor.example.com/' }),
    wrongSignature: signToken(impostor, { role }),
  };
}
