import { Injectable, type CallHandler, type ExecutionContext, type HttpException, type NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { catchError, type Observable } from 'rxjs';

const RETRY_AFTER = Symbol('retryAfterSeconds');

/**
 * Marks a refusal as temporary: the answer carries `Retry-After: <seconds>`
 * (RFC 9110), so a client can tell "not yet" from "never".
 */
export function retryAfter<T extends HttpException>(exception: T, seconds: number): T {
  Object.defineProperty(exception, RETRY_AFTER, { value: Math.max(1, Math.ceil(seconds)) });
  return exception;
}

/** The Retry-After of an exception marked by {@link retryAfter}, if any. */
export function retryAfterOf(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null ? (error as { [RETRY_AFTER]?: number })[RETRY_AFTER] : undefined;
}

/** Writes the Retry-After header of a marked exception before Nest answers with it. */
@Injectable()
export class RetryAfterInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        const seconds = retryAfterOf(error);
        if (seconds !== undefined && context.getType() === 'http') context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(seconds));
        throw error;
      }),
    );
  }
}
