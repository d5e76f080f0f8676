import { BadRequestException, ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { inputSafetyErrors } from './input-safety';
import { hasVisibleCharacters } from './text.decorators';

/** One offending field of a request body or query, with every rule it broke. */
export interface FieldError {
  field: string;
  messages: string[];
}

/** The 400 every refused request input answers with. */
export function validationFailed(errors: FieldError[]): BadRequestException {
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: 'Request validation failed', errors });
}

const CHECKED = new Set<ArgumentMetadata['type']>(['body', 'query', 'param']);

/**
 * class-validator, preceded by the checks no DTO can express: nesting depth,
 * prototype keys, NUL and lone surrogates anywhere (see inputSafetyErrors),
 * and a body that is not a JSON object where a DTO expects one.
 */
class FieldValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (CHECKED.has(metadata.type)) {
      const errors = inputSafetyErrors(value, metadata.type === 'param' ? (metadata.data ?? '') : '');
      if (errors.length > 0) throw validationFailed(errors);
      if (metadata.type === 'param' && isIdParameter(metadata.data) && !isUUID(value)) {
        throw validationFailed([{ field: metadata.data, messages: [`${metadata.data} must be a UUID`] }]);
      }
      if (metadata.type === 'param' && metadata.data !== undefined && UPSTREAM_ID_PARAMETERS.has(metadata.data) && !isUpstreamId(value)) {
        throw validationFailed([{ field: metadata.data, messages: [`${metadata.data} must be visible text of at most 100 characters`] }]);
      }
      const expectsObject = metadata.type === 'body' && typeof metadata.metatype === 'function' && this.toValidate(metadata);
      if (expectsObject && value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value))) {
        throw validationFailed([{ field: 'body', messages: ['body must be a JSON object'] }]);
      }
    }
    return super.transform(value, metadata);
  }
}

/** Ids other systems mint (a customer's id is the shop's, e.g. `cust-1001`, and a customer token's sub): any visible text. */
const UPSTREAM_ID_PARAMETERS = new Set(['customerId']);

/** Path parameters named `id` or `…Id` are UUIDs in every service (a SKU or warehouse code has its own name), upstream ids aside. */
function isIdParameter(name: string | undefined): name is string {
  return name !== undefined && !UPSTREAM_ID_PARAMETERS.has(name) && (name === 'id' || name.endsWith('Id'));
}

function isUpstreamId(value: unknown): boolean {
  return typeof value === 'string' && value.length <= 100 && hasVisibleCharacters(value);
}

/**
 * Request validation used by every service: unknown properties are rejected
 * (not silently dropped) and the 400 body lists each offending field by path,
 * e.g. `lines.0.quantity`, so a client can point at it.
 */
export function fieldValidationPipe(): ValidationPipe {
  return new FieldValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    exceptionFactory: (errors) => validationFailed(flatten(errors)),
  });
}

export function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
