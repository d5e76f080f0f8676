import { Controller, Get, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { generateKeyPairSync } from 'node:crypto';
import { readSigningKey, signToken, type TokenRequest } from '@oms/local-infra';
import request from 'supertest';
import { type Actor, AuthModule, CurrentActor, LOCAL_AUDIENCE, LOCAL_ISSUER, Public, Roles, type Role } from '../src';

// The run's local issuer (started by the global setup) signs; @oms/testing wraps the same calls for service tests.
const key = () => readSigningKey(process.env['OMS_SIGNING_KEY_FILE']!);
const testToken = (role: Role | Role[], options: Omit<TokenRequest, 'role'> = {}) => signToken(key(), { ...options, role });
const authAs = (role: Role | Role[], sub?: string) => ({ authorization: `Bearer ${testToken(role, { sub })}` });
const badTokens = (role: Role) => {
  const impostor = { kid: key().kid, privateJwk: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }) };
  return {
    expired: testToken(role, { expiresInSeconds: -120 }),
    wrongAudience: testToken(role, { audience: 'another-api' }),
    wrongIssuer: testToken(role, { issuer: 'https://impostor.example.com/' }),
    wrongSignature: signToken(impostor, { role }),
  };
};

@Controller()
class ProbeController {
  @Get('open')
  @Public()
  open() {
    return { open: true };
  }

  @Get('staff')
  @Roles('csr', 'ops')
  staff(@CurrentActor() actor: Actor) {
    return actor;
  }

  /** No @Roles: fails closed (admin only). */
  @Get('forgotten')
  forgotten() {
    return { forgotten: true };
  }
}

async function appWith(jwksUrl: string): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [AuthModule.forRoot({ issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE, jwksUrl, clockSkewSeconds: 30 })],
    controllers: [ProbeController],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return app;
}

describe('AuthGuard against the local issuer (real JWKS over HTTP, jose)', () => {
  let app: INestApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await appWith(process.env['AUTH_JWKS_URL']!);
  });
  afterAll(() => app.close());

  it('lets anyone call a @Public route', async () => {
    await http().get('/open').expect(200, { open: true });
  });

  it('refuses a missing token with 401 JSON and a WWW-Authenticate challenge', async () => {
    const response = await http().get('/staff').expect(401);
    expect(response.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: expect.stringMatching(/bearer token is required/) });
    expect(response.headers['www-authenticate']).toBe('Bearer');
  });

  it.each([
    ['expired', /token expired/],
    ['wrongAudience', /wrong audience/],
    ['wrongIssuer', /wrong issuer/],
    ['wrongSignature', /signature is not valid/],
  ] as const)('refuses a %s token with 401 and the reason', async (kind, reason) => {
    const response = await http().get('/staff').set('authorization', `Bearer ${badTokens('csr')[kind]}`).expect(401);
    expect(response.body.message).toMatch(reason);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer error="invalid_token"/);
  });

  it('refuses malformed headers and tokens with 401', async () => {
    await http().get('/staff').set('authorization', `Basic ${Buffer.from('a:b').toString('base64')}`).expect(401);
    const garbage = await http().get('/staff').set('authorization', 'Bearer not.a.jwt').expect(401);
    expect(garbage.body.message).toMatch(/malformed/);
  });

  it('accepts an expired token only within the clock-skew tolerance', async () => {
    await http().get('/staff').set('authorization', `Bearer ${testToken('csr', { expiresInSeconds: -10 })}`).expect(200);
    await http().get('/staff').set('authorization', `Bearer ${testToken('csr', { expiresInSeconds: -45 })}`).expect(401);
  });

  it('answers 403 with the allowed roles for a role that may not', async () => {
    const response = await http().get('/staff').set(authAs('customer', 'cust-1')).expect(403);
    expect(response.body).toEqual({ statusCode: 403, error: 'Forbidden', message: 'role customer may not do this; allowed: csr, ops, admin' });
    await http().get('/staff').set('authorization', `Bearer ${testToken([])}`).expect(403);
  });

  it('hands the handler the actor: sub and the most privileged role the route allows', async () => {
    await http().get('/staff').set(authAs('csr', 'anna')).expect(200, { sub: 'anna', role: 'csr' });
    await http().get('/staff').set(authAs(['customer', 'ops'], 'olga')).expect(200, { sub: 'olga', role: 'ops' });
    await http().get('/staff').set(authAs('admin', 'root')).expect(200, { sub: 'root', role: 'admin' });
  });

  it('keeps a route without @Roles to admin', async () => {
    await http().get('/forgotten').set(authAs('ops')).expect(403);
    await http().get('/forgotten').set(authAs('admin')).expect(200);
  });

  it('answers 503, not 401, when the identity provider cannot be reached', async () => {
    const unreachable = await appWith('http://127.0.0.1:9/.well-known/jwks.json');
    try {
      const response = await request(unreachable.getHttpServer()).get('/staff').set(authAs('csr')).expect(503);
      expect(response.body.message).toMatch(/cannot check tokens now/);
    } finally {
      await unreachable.close();
    }
  });
});
