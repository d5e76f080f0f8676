import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from './actor';

/**
 * The caller as the authentication guard left it on the request (`request.user`,
 * `{ sub, role }`); `anonymous` while no guard runs.
 */
export const ActingUser = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const user = context.switchToHttp().getRequest<{ user?: Partial<Actor> }>().user;
  return user?.sub && user.role ? { sub: user.sub, role: user.role } : { sub: 'anonymous', role: 'anonymous' };
});
