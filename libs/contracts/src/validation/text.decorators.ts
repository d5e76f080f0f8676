import { IsString, MaxLength, ValidateBy, ValidateIf, type ValidationOptions } from 'class-validator';

/**
 * Characters that print nothing: white space, control and format characters
 * (zero-width space, BOM, soft hyphen, bidi marks) and the blank fillers of
 * Hangul and Braille that renderers show as empty.
 */
const INVISIBLE_ONLY = /^[\p{White_Space}\p{Cc}\p{Cf}\p{Zs}\u115F\u1160\u2800\u3164\uFFA0]*$/u;

/** A lone high surrogate (no low one after it) or a lone low surrogate (no high one before it). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored as text: PostgreSQL refuses NUL and UTF-8 has no lone surrogates. */
export function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain NUL characters (\\u0000)';
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode text (it contains a lone UTF-16 surrogate)';
  return undefined;
}

/** True when `value` is a string with at least one character a person can see. */
export function hasVisibleCharacters(value: unknown): boolean {
  return typeof value === 'string' && !INVISIBLE_ONLY.test(value);
}

/**
 * A string that is not empty, blank or made only of invisible characters, and can be stored as text
 * (`{ each: true }` for every string of an array, such as address lines).
 */
export function IsVisible(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({
    name: 'isVisible',
    validator: {
      validate: (value: unknown) => hasVisibleCharacters(value) && textProblem(value as string) === undefined,
      defaultMessage: (args) => {
        const property = args?.property ?? 'value';
        const problem = typeof args?.value === 'string' ? textProblem(args.value) : undefined;
        return `${property} ${problem ?? 'must not be empty, blank or made only of invisible characters'}`;
      },
    },
  }, options);
}

/**
 * A name, id, channel or reason a person will read or match on: a string of
 * at most `maxLength` characters with something visible in it. HTTP requests
 * and events use the same rule, so a Kafka intake is as strict as its route.
 */
export function IsVisibleText(maxLength: number): PropertyDecorator {
  const decorators = [IsString(), IsVisible(), MaxLength(maxLength)];
  return (target, key) => decorators.forEach((decorate) => decorate(target, key));
}

/**
 * The field may be left out, but when it is sent it must pass its rules:
 * unlike class-validator's IsOptional, an explicit `null` is refused like
 * any other wrong type instead of slipping through to a NOT NULL column.
 */
export function IsOmittable(): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined);
}
