// class-transformer's @Type reads design-time metadata through the Reflect
// polyfill; importing it here keeps the lib usable outside a Nest process.
import 'reflect-metadata';
import {
  ArrayMinSize,
  IsArray,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsString,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import { recordNestedClass } from './nested-class.registry';
import { isEmail, isStrictIsoDate } from './string-checks';

/** Applies several property decorators as one, in the order given. */
function compose(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((decorate) => decorate(target, key));
}

/** A non-empty string, used for identifiers that other services mint (not always uuids). */
export function IsNonEmptyString(): PropertyDecorator {
  return compose(IsString(), IsNotEmpty());
}

/** ISO 4217 alphabetic code; checking the exact list would tie the contract to a currency table. */
export function IsCurrencyCode(): PropertyDecorator {
  return Matches(/^[A-Z]{3}$/, { message: '$property must be a 3-letter upper-case ISO 4217 code' });
}

/**
 * Money in integer minor units (cents), so no float rounding ever reaches a
 * total; at most Number.MAX_SAFE_INTEGER, the largest integer JSON carries exactly.
 * Stored as 64-bit BIGINT (see README: amounts beyond 32 bits are normal).
 */
export function IsMinorAmount(): PropertyDecorator {
  return compose(IsInt(), Min(0), Max(Number.MAX_SAFE_INTEGER));
}

/** An integer not below `min`; counters, indexes and quantities are never fractional. */
export function IsIntAtLeast(min: number): PropertyDecorator {
  return compose(IsInt(), Min(min));
}

/**
 * An ISO-8601 timestamp or date, as class-validator's `IsISO8601({ strict: true })` (its name and message too):
 * `strict` rejects impossible dates such as 2025-02-30, which the loose check lets through. Checked by
 * {@link isStrictIsoDate}, which answers our producers' form itself.
 */
export function IsIsoDate(): PropertyDecorator {
  return ValidateBy({
    name: 'isIso8601',
    constraints: [{ strict: true }],
    validator: { validate: isStrictIsoDate, defaultMessage: (args) => `${args?.property ?? 'value'} must be a valid ISO 8601 date string` },
  });
}

/** An email address, as class-validator's `IsEmail()` (its name and message too), checked by {@link isEmail}, which remembers its answers. */
export function IsEmailAddress(): PropertyDecorator {
  return ValidateBy({
    name: 'isEmail',
    validator: { validate: isEmail, defaultMessage: (args) => `${args?.property ?? 'value'} must be an email` },
  });
}

/**
 * A nested object validated with `cls`. The fixed message avoids class-validator's
 * "nested property x must be either object or array", which does not start with the path.
 */
export function NestedObject(cls: new () => object): PropertyDecorator {
  return compose(IsObject(), ValidateNested({ message: 'must be an object' }), Type(() => cls), (target, key) => recordNestedClass(target, key, cls));
}

/** ValidateNested walks into an inner array instead of refusing it (`lines: [[]]` validated nothing). */
function HoldsNoArrays(): PropertyDecorator {
  return ValidateBy({
    name: 'holdsNoArrays',
    validator: {
      validate: (value: unknown) => !Array.isArray(value) || !value.some((item) => Array.isArray(item)),
      defaultMessage: (args) => `${args?.property ?? 'value'} must hold objects, not arrays`,
    },
  });
}

/** An array whose every element is validated with `cls`, with at least `minSize` elements. */
export function NestedArray(cls: new () => object, minSize = 0): PropertyDecorator {
  const decorators = [
    IsArray(), HoldsNoArrays(), ValidateNested({ each: true, message: 'must be an object' }), Type(() => cls),
    (target: object, key: string | symbol) => recordNestedClass(target, key, cls),
  ];
  return compose(...(minSize > 0 ? [...decorators, ArrayMinSize(minSize)] : decorators));
}
