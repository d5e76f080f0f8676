import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { fieldRejected, notFound } from '@oms/service-runtime';
import type { Response } from 'express';
import { ActionConflictError, ActionRejectedError, SubscriptionNotFoundError } from './lifecycle.errors';

/** Maps the domain errors of subscription actions to HTTP: 404, 409 naming the state, 422 naming the field. */
@Catch(SubscriptionNotFoundError, ActionConflictError, ActionRejectedError)
export class LifecycleErrorsFilter implements ExceptionFilter {
  catch(error: Error, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (error instanceof SubscriptionNotFoundError) {
      const http = notFound('subscription', error.subscriptionId);
      response.status(http.getStatus()).json(http.getResponse());
    } else if (error instanceof ActionConflictError) {
      const field = error.field ?? 'status';
      response.status(409).json({ statusCode: 409, error: 'Conflict', message: error.message, state: error.state, errors: [{ field, messages: [error.message] }] });
    } else {
      const http = fieldRejected((error as ActionRejectedError).field, error.message);
      response.status(http.getStatus()).json(http.getResponse());
    }
  }
}
