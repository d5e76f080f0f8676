import { ConflictException, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { catchError, concatMap, from, of, type Observable } from 'rxjs';
import { fieldRejected } from '../http/field.exceptions';
import { retryAfter } from '../http/retry-after';
import { IDEMPOTENCY_HEADER, REPLAYED_HEADER } from './idempotency.constants';
import { IdempotencyKeyStore } from './idempotency-key.store';
import { requestFingerprint } from './request-fingerprint';

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/**
 * Stripe's rule for every POST that carries an `Idempotency-Key`: the first
 * request runs and its answer (status and body) is kept; the same key with the
 * same request answers that again without running anything; the same key with
 * another request answers 422; a retry while the first is still running
 * answers 409. Keys are scoped per caller (the token's subject). A request
 * that fails keeps nothing, so its retry runs again.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly store: IdempotencyKeyStore) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    const key = request.header(IDEMPOTENCY_HEADER);
    if (request.method !== 'POST' || key === undefined) return next.handle();
    if (!KEY_PATTERN.test(key)) throw fieldRejected(IDEMPOTENCY_HEADER, `${IDEMPOTENCY_HEADER} must be 1 to 255 visible ASCII characters`);
    const caller = callerOf(request);
    const hash = requestFingerprint(request.method, request.originalUrl, request.body);
    return from(this.store.claim(caller, key, hash, request.method, request.originalUrl)).pipe(
      concatMap((claim) => {
        if (claim.kind === 'mismatch') {
          throw fieldRejected(IDEMPOTENCY_HEADER, `${IDEMPOTENCY_HEADER} ${key} was already used for a different request`);
        }
        if (claim.kind === 'in-progress') {
          throw retryAfter(new ConflictException({ statusCode: 409, error: 'Conflict', message: `a request with ${IDEMPOTENCY_HEADER} ${key} is still in progress; retry later` }), 1);
        }
        if (claim.kind === 'completed') {
          response.status(claim.statusCode).setHeader(REPLAYED_HEADER, 'true');
          return of(claim.body);
        }
        return next.handle().pipe(
          concatMap(async (body: unknown) => {
            await this.store.complete(caller, key, response.statusCode, body);
            return body;
          }),
          catchError(async (error: unknown) => {
            await this.store.release(caller, key);
            throw error;
          }),
        );
      }),
    );
  }
}

/** Whose key this is: the authenticated subject, or one shared scope for unauthenticated callers. */
function callerOf(request: Request): string {
  const user = (request as Request & { user?: { sub?: unknown } }).user;
  return typeof user?.sub === 'string' ? `sub:${user.sub}` : 'anonymous';
}
