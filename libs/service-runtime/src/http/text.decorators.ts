import { applyDecorators } from '@nestjs/common';
import { IsString, MaxLength, ValidateBy, ValidateIf, type ValidationOptions } from 'class-validator';

/**
 * Characters that print nothing: white space, control and format characters
 * (zero-width space, BOM, soft hyphen, bidi marks) and the blank fillers of
 * Hangul and Braille that renderers show as empty.
 */
const INVISIBLE_ONLY = /^[\p{White_Space}\p{Cc}\p{Cf}\p{Zs}\u115F\u1160\u2800\u3164\uFFA0]*$/u;

/** True when `value` is a string with at least one character a person can see. */
export function hasVisibleCharacters(value: unknown): boolean {
  return typeof value === 'string' && !INVISIBLE_ONLY.test(value);
}

/** A string that is not empty, blank or made only of invisible characters. */
export function IsVisible(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isVisible',
      validator: {
        validate: hasVisibleCharacters,
        defaultMessage: (args) => `${args?.property ?? 'value'} must not be empty, blank or made only of invisible characters`,
      },
    },
    options,
  );
}

/**
 * A name, id, channel or reason a person will read or match on: a string of
 * at most `maxLength` characters with something visible in it.
 */
export function IsVisibleText(maxLength: number): PropertyDecorator {
  return applyDecorators(IsString(), IsVisible(), MaxLength(maxLength));
}

/**
 * The field may be left out (its default or nothing applies), but when it is
 * sent it must pass its rules: unlike class-validator's IsOptional, an
 * explicit `null` is refused like any other wrong type instead of slipping
 * through to a NOT NULL column.
 */
export function IsOmittable(): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined);
}
