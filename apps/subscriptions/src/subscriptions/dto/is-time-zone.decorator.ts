import { validateTimeZone } from '@oms/scheduling';
import { ValidateBy, type ValidationOptions } from 'class-validator';

/** An IANA time zone name the date library knows, e.g. Europe/Amsterdam. */
export function IsTimeZone(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isTimeZone',
      validator: {
        validate: (value: unknown) => validateTimeZone(value),
        defaultMessage: (args) => `${args?.property ?? "timeZone"} must be an IANA time zone such as Europe/Amsterdam`,
      },
    },
    options,
  );
}
