import { createParamDecorator, type ExecutionContext } from '@nestjs/common';

/**
 * The request's correlation id (the caller's `x-correlation-id`, or the one
 * the logger generated), to stamp on the events the request causes.
 */
export const CorrelationId = createParamDecorator((_: unknown, context: ExecutionContext): string | undefined => {
  const request = context.switchToHttp().getRequest<{ id?: unknown }>();
  return typeof request.id === 'string' ? request.id : undefined;
});
