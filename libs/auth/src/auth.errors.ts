import { ForbiddenException, ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';

/** Why a token was refused; the reason is the 401's message. */
export class TokenRejectedError extends Error {}

/** The identity provider's keys could not be fetched: the caller is not at fault (503). */
export class KeysUnavailableError extends Error {}

export function unauthorized(reason: string): UnauthorizedException {
  return new UnauthorizedException({ statusCode: 401, error: 'Unauthorized', message: reason });
}

export function forbidden(reason: string): ForbiddenException {
  return new ForbiddenException({ statusCode: 403, error: 'Forbidden', message: reason });
}

export function keysUnavailable(reason: string): ServiceUnavailableException {
  return new ServiceUnavailableException({ statusCode: 503, error: 'Service Unavailable', message: `cannot check tokens now: ${reason}` });
}
