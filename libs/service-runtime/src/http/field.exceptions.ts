import { ConflictException, NotFoundException, UnprocessableEntityException } from '@nestjs/common';

/** 409 naming the field that clashes, in the same shape as validation errors. */
export function fieldConflict(field: string, message: string): ConflictException {
  return new ConflictException({ statusCode: 409, error: 'Conflict', message, errors: [{ field, messages: [message] }] });
}

/** 422 for input that is well-formed but breaks a business rule, naming the field. */
export function fieldRejected(field: string, message: string): UnprocessableEntityException {
  return new UnprocessableEntityException({
    statusCode: 422,
    error: 'Unprocessable Entity',
    message,
    errors: [{ field, messages: [message] }],
  });
}

export function notFound(what: string, id: string): NotFoundException {
  return new NotFoundException({ statusCode: 404, error: 'Not Found', message: `${what} ${id} does not exist` });
}

/** True for Prisma's unique-constraint violation (P2002). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === 'P2002';
}
