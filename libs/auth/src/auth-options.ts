/** Where tokens come from and how they are checked (AUTH_* variables). */
export interface AuthOptions {
  /** Expected `iss` claim (AUTH_ISSUER). */
  issuer: string;
  /** Expected `aud` claim (AUTH_AUDIENCE). */
  audience: string;
  /** The issuer's JSON Web Key Set (AUTH_JWKS_URL); fetched on demand and cached. */
  jwksUrl: string;
  /** Tolerated clock difference with the issuer, in seconds (AUTH_CLOCK_SKEW_SECONDS). */
  clockSkewSeconds: number;
}

/** The local embedded issuer's identity (`npm start`, tests, benchmarks). Production names its own provider. */
export const LOCAL_ISSUER = 'oms-local';
export const LOCAL_AUDIENCE = 'oms-api';
/** Port of the JWKS served by `npm start`'s local issuer. */
export const LOCAL_JWKS_PORT = 8090;
export const JWKS_PATH = '/.well-known/jwks.json';
