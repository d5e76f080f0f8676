import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

/** One offending field of a request body or query, with every rule it broke. */
export interface FieldError {
  field: string;
  messages: string[];
}

/**
 * Request validation used by every service: unknown properties are rejected
 * (not silently dropped) and the 400 body lists each offending field by path,
 * e.g. `lines.0.quantity`, so a client can point at it.
 */
export function fieldValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) =>
      new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: 'Request validation failed',
        errors: flatten(errors),
      }),
  });
}

export function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
