import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidatorOptions } from 'class-validator';
import { EVENT_REGISTRY } from '../events/event.registry';
import { passesValidation } from './passes-validation.util';
import { toReasons } from './validation-reasons.util';

/**
 * Unknown properties are allowed on purpose: adding a field is a compatible
 * change, so an older consumer must accept a newer producer's payload.
 */
const OPTIONS: ValidatorOptions = {
  forbidUnknownValues: true,
  // One reason per property: "must be a string" already implies "should not be empty".
  stopAtFirstError: true,
  validationError: { target: false, value: false },
};

/** Validates `value` against a class-validator class; reasons are prefixed with `prefix`. */
export function validateAgainst(cls: new () => object, value: unknown, prefix: string): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [`${prefix} must be a JSON object`];
  }
  // Most events are valid: answer those without class-validator's copy and error objects; it words the refusals.
  if (passesValidation(cls, value)) return [];
  // No implicit conversion: "2" is not a quantity, whatever the producer meant.
  const instance = plainToInstance(cls, value);
  return toReasons(validateSync(instance, OPTIONS), prefix);
}

/**
 * Checks `data` against the class registered for `type`.
 *
 * @returns `[]` when valid; otherwise one reason per failure, each starting with
 *   its path under `data`, e.g. `data.lines[0].quantity must be a positive number`.
 */
export function validateEventData(type: string, data: unknown): string[] {
  const definition = EVENT_REGISTRY.get(type);
  if (!definition) return [`type "${type}" is not a registered event type`];
  return validateAgainst(definition.dataClass, data, 'data');
}
