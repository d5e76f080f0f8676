import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { AUTH_OPTIONS } from './auth.module-definition';
import type { AuthOptions } from './auth-options';
import { KeysUnavailableError, TokenRejectedError } from './auth.errors';

/**
 * Checks a bearer token with `jose`: signature against the issuer's JWKS
 * (fetched once, cached, refetched when an unknown key id appears), issuer,
 * audience, expiry and not-before. Times are checked against wall time
 * (jose's own `Date`), never against the business clock of PUT /testing/clock.
 */
@Injectable()
export class TokenVerifier {
  private readonly keys: ReturnType<typeof createRemoteJWKSet>;

  constructor(@Inject(AUTH_OPTIONS) private readonly options: AuthOptions) {
    this.keys = createRemoteJWKSet(new URL(options.jwksUrl), { cacheMaxAge: 10 * 60_000, cooldownDuration: 30_000, timeoutDuration: 5_000 });
  }

  async verify(token: string): Promise<JWTPayload> {
    try {
      const { payload } = await jwtVerify(token, this.keys, {
        issuer: this.options.issuer,
        audience: this.options.audience,
        clockTolerance: this.options.clockSkewSeconds,
        requiredClaims: ['sub', 'exp'],
      });
      return payload;
    } catch (error) {
      throw describe(error);
    }
  }
}

function describe(error: unknown): Error {
  if (error instanceof errors.JWTExpired) return new TokenRejectedError('token expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    const names: Record<string, string> = { aud: 'audience', iss: 'issuer', nbf: 'not-before time', sub: 'subject' };
    return new TokenRejectedError(`token has the wrong ${names[error.claim] ?? `${error.claim} claim`} (${error.reason})`);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return new TokenRejectedError('token signature is not valid');
  if (error instanceof errors.JWKSNoMatchingKey) return new TokenRejectedError('token is signed with a key the issuer does not publish');
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) return new KeysUnavailableError(error.message);
  if (error instanceof errors.JOSEError) return new TokenRejectedError(`token is malformed (${error.message})`);
  // fetch failures of the JWKS (connection refused, DNS) are not JOSE errors.
  return new KeysUnavailableError(error instanceof Error ? error.message : String(error));
}
