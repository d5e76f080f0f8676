import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Actor } from './actor';
import type { Role } from './roles';

export const IS_PUBLIC = 'oms:auth:public';
export const ALLOWED_ROLES = 'oms:auth:roles';
/** The OpenAPI extension listing the roles allowed per operation (read by the role-matrix test). */
export const ROLES_EXTENSION = 'x-roles';
/** The OpenAPI extension marking an operation that takes no token. */
export const PUBLIC_EXTENSION = 'x-public';
/** Name of the bearer security scheme in every service's OpenAPI document. */
export const BEARER_SCHEME = 'bearer';

/** A route anyone may call without a token (health checks). */
export function Public(): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(PUBLIC_EXTENSION, true));
}

/**
 * The roles that may call a route (on a method or a whole controller);
 * `admin` may always. The same list drives the guard and the operation's
 * `x-roles` in the OpenAPI document, so the document cannot disagree with the guard.
 */
export function Roles(...roles: Role[]): MethodDecorator & ClassDecorator {
  const allowed = [...new Set<Role>([...roles, 'admin'])];
  return applyDecorators(
    SetMetadata(ALLOWED_ROLES, allowed),
    ApiBearerAuth(BEARER_SCHEME),
    ApiExtension(ROLES_EXTENSION, allowed),
    ApiUnauthorizedResponse({ description: 'no token, or an expired, badly signed or wrong-audience token' }),
    ApiForbiddenResponse({ description: `only ${allowed.join(', ')} may do this` }),
  );
}

/** The authenticated caller, set by the guard (never undefined on a route with @Roles). */
export const CurrentActor = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Actor => context.switchToHttp().getRequest<{ actor: Actor }>().actor,
);
