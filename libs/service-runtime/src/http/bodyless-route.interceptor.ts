import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { Observable } from 'rxjs';
import { validationFailed } from './field-validation.pipe';

const BODY_PREFIX = `${RouteParamtypes.BODY}:`;

/**
 * A route without a @Body() parameter (an action like POST /products/{id}/retire)
 * refuses a non-empty body instead of ignoring it, just as a DTO refuses
 * unknown properties: the caller meant something the route does not do.
 */
@Injectable()
export class BodylessRouteInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const body: unknown = context.switchToHttp().getRequest<{ body?: unknown }>().body;
      const empty = body === undefined || (typeof body === 'object' && body !== null && !Array.isArray(body) && Object.keys(body).length === 0);
      if (!empty && !takesBody(context)) {
        const keys = typeof body === 'object' && body !== null && !Array.isArray(body) ? Object.keys(body) : [];
        const fields = keys.length > 0 ? keys.slice(0, 20) : ['body'];
        throw validationFailed(fields.map((field) => ({ field, messages: [field === 'body' ? 'this route takes no body' : `property ${field} should not exist`] })));
      }
    }
    return next.handle();
  }
}

function takesBody(context: ExecutionContext): boolean {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), context.getHandler().name) ?? {}) as Record<string, unknown>;
  return Object.keys(args).some((key) => key.startsWith(BODY_PREFIX));
}
