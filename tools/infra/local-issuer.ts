import { createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, sign, type JsonWebKey } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { JWKS_PATH, LOCAL_AUDIENCE, LOCAL_ISSUER, type Role } from '@oms/auth';

/** The local issuer's signing key: an ES256 private JWK with its key id, kept in the state folder. */
export interface SigningKey {
  kid: string;
  privateJwk: JsonWebKey;
}

export interface TokenRequest {
  role: Role | Role[];
  /** The caller's id; a customer's customerId. Default: `<role>-1`. */
  sub?: string;
  /** Lifetime in seconds; negative gives a token that expired that long ago. Default 3600. */
  expiresInSeconds?: number;
  audience?: string;
  issuer?: string;
}

export interface LocalIssuer {
  jwksUrl: string;
  keyFile: string;
  stop(): Promise<void>;
}

/** Where a profile's signing key lives. */
export function signingKeyFile(stateDir: string): string {
  return join(stateDir, 'auth', 'signing-key.json');
}

/** Reads the signing key, creating it (once) when absent. */
export function ensureSigningKey(keyFile: string): SigningKey {
  if (existsSync(keyFile)) return readSigningKey(keyFile);
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const key: SigningKey = { kid: randomUUID(), privateJwk: privateKey.export({ format: 'jwk' }) };
  mkdirSync(dirname(keyFile), { recursive: true });
  writeFileSync(keyFile, JSON.stringify(key), { mode: 0o600 });
  chmodSync(keyFile, 0o600);
  return key;
}

export function readSigningKey(keyFile: string): SigningKey {
  return JSON.parse(readFileSync(keyFile, 'utf8')) as SigningKey;
}

/** The public half, as the JWKS the services fetch. */
export function publicJwks(key: SigningKey): { keys: JsonWebKey[] } {
  const jwk = createPublicKey({ key: key.privateJwk, format: 'jwk' }).export({ format: 'jwk' });
  return { keys: [{ ...jwk, kid: key.kid, alg: 'ES256', use: 'sig' }] };
}

/**
 * Signs a JWT (ES256, compact JWS) synchronously, so tests can build an
 * Authorization header inline. The services verify it with `jose` like any
 * provider's token.
 */
export function signToken(key: SigningKey, request: TokenRequest): string {
  const roles = Array.isArray(request.role) ? request.role : [request.role];
  const now = Math.floor(Date.now() / 1000);
  const expiresIn = request.expiresInSeconds ?? 3600;
  const payload = {
    iss: request.issuer ?? LOCAL_ISSUER,
    aud: request.audience ?? LOCAL_AUDIENCE,
    sub: request.sub ?? `${roles[0] ?? 'nobody'}-1`,
    roles,
    iat: expiresIn < 0 ? now + expiresIn - 60 : now,
    exp: now + expiresIn,
    jti: randomUUID(),
  };
  const header = { alg: 'ES256', typ: 'JWT', kid: key.kid };
  const input = `${base64url(header)}.${base64url(payload)}`;
  const signature = sign('sha256', Buffer.from(input), { key: createPrivateKey({ key: key.privateJwk, format: 'jwk' }), dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString('base64url')}`;
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Serves the key's JWKS over HTTP on 127.0.0.1, or `host` (a container: 0.0.0.0); port 0 = any free port. */
export async function startLocalIssuer(options: { keyFile: string; port: number; host?: string }): Promise<LocalIssuer> {
  const body = JSON.stringify(publicJwks(ensureSigningKey(options.keyFile)));
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === JWKS_PATH) {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=300' }).end(body);
    } else {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"not found"}');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    jwksUrl: `http://127.0.0.1:${port}${JWKS_PATH}`,
    keyFile: options.keyFile,
    stop: () => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}
