import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { notFound } from '@oms/service-runtime';
import type { Response } from 'express';
import { ProgramNotEnrollableError, ProgramNotFoundError, ProgramRejectedError } from './continuity.errors';

/** Maps the domain errors of continuity programs to HTTP: 404, 409 naming the program's state, 422 naming each field. */
@Catch(ProgramNotFoundError, ProgramNotEnrollableError, ProgramRejectedError)
export class ContinuityErrorsFilter implements ExceptionFilter {
  catch(error: Error, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (error instanceof ProgramNotFoundError) {
      const http = notFound('continuity program', error.programId);
      response.status(http.getStatus()).json(http.getResponse());
    } else if (error instanceof ProgramNotEnrollableError) {
      response.status(409).json({ statusCode: 409, error: 'Conflict', message: error.message, state: error.status, errors: [{ field: 'programId', messages: [error.message] }] });
    } else {
      const errors = (error as ProgramRejectedError).problems.map((p) => ({ field: p.field, messages: [p.message] }));
      response.status(422).json({ statusCode: 422, error: 'Unprocessable Entity', message: error.message, errors });
    }
  }
}
