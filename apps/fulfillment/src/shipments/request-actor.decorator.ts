import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { ActorV1 } from '@oms/contracts';

/**
 * Who sent the request, for history rows and events: the authenticated
 * principal (`request.user`: token subject and role) when a guard set one.
 */
export const RequestActor = createParamDecorator((_data: unknown, context: ExecutionContext): ActorV1 => {
  const user = context.switchToHttp().getRequest<{ user?: { sub?: string; role?: string; roles?: string[] } }>().user;
  return { sub: user?.sub ?? 'anonymous', role: user?.role ?? user?.roles?.[0] ?? 'anonymous' };
});
