import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { JWTPayload } from 'jose';
import type { Actor } from './actor';
import { ALLOWED_ROLES, IS_PUBLIC } from './auth.decorators';
import { forbidden, KeysUnavailableError, keysUnavailable, TokenRejectedError, unauthorized } from './auth.errors';
import { isRole, ROLES, type Role } from './roles';
import { TokenVerifier } from './token.verifier';

interface GuardedRequest {
  headers: Record<string, string | string[] | undefined>;
  method: string;
  actor?: Actor;
  /** The same actor under the name Passport-style code reads. */
  user?: Actor;
}

interface HeaderSink {
  setHeader(name: string, value: string): void;
}

/**
 * Global guard: every HTTP route needs a valid bearer token and one of the
 * roles its @Roles lists, unless it is @Public. A route with neither is
 * admin-only, so a route someone forgot to annotate fails closed.
 * The request's Actor is the token's `sub` and the most privileged of its
 * roles the route allows.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const allowed = this.reflector.getAllAndOverride<Role[]>(ALLOWED_ROLES, targets) ?? ['admin'];
    const request = context.switchToHttp().getRequest<GuardedRequest>();
    const response = context.switchToHttp().getResponse<HeaderSink>();
    const payload = await this.authenticate(request, response);
    const held = rolesOf(payload);
    const role = [...ROLES].reverse().find((candidate) => held.includes(candidate) && allowed.includes(candidate));
    if (!role) {
      const who = held.length > 0 ? `role ${held.join(', ')}` : 'a token without roles';
      throw forbidden(`${who} may not do this; allowed: ${allowed.join(', ')}`);
    }
    request.actor = { sub: payload.sub!, role };
    request.user = request.actor;
    return true;
  }

  private async authenticate(request: GuardedRequest, response: HeaderSink): Promise<JWTPayload> {
    const refuse = (reason: string) => {
      response.setHeader('WWW-Authenticate', `Bearer error="invalid_token", error_description="${reason.replace(/"/g, "'")}"`);
      return unauthorized(reason);
    };
    const header = request.headers['authorization'];
    if (typeof header !== 'string' || header.trim() === '') {
      response.setHeader('WWW-Authenticate', 'Bearer');
      throw unauthorized('a bearer token is required (Authorization: Bearer <token>)');
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw refuse('the Authorization header must be "Bearer <token>"');
    try {
      return await this.verifier.verify(match[1]!);
    } catch (error) {
      if (error instanceof TokenRejectedError) throw refuse(error.message);
      if (error instanceof KeysUnavailableError) throw keysUnavailable(error.message);
      throw error;
    }
  }
}

/** The `roles` claim: an array of role names or one name; unknown names are ignored. */
function rolesOf(payload: JWTPayload): Role[] {
  const claim = payload['roles'];
  const names = Array.isArray(claim) ? claim : [claim];
  return names.filter(isRole);
}
