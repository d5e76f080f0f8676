import type { ValidationError } from 'class-validator';

/** Array indexes print as `[0]` so a path reads like the JavaScript that would reach it. */
function joinPath(parent: string, property: string): string {
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent ? `${parent}.${property}` : property;
}

/**
 * class-validator messages begin with the bare property name ("quantity must be ...");
 * swapping it for the full path makes each reason stand alone in a log line or DLQ header.
 */
function reasonFor(path: string, property: string, message: string): string {
  const detail = message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
  return `${path} ${detail}`;
}

/**
 * Flattens class-validator errors into readable reasons, each starting with the
 * full property path under `prefix`, e.g. `data.lines[0].quantity must be a positive number`.
 */
export function toReasons(errors: readonly ValidationError[], prefix: string): string[] {
  return errors.flatMap((error) => {
    const path = joinPath(prefix, error.property);
    const constraints = Object.entries(error.constraints ?? {});
    // "must be an object" from ValidateNested repeats isArray/isObject failures; keep it only alone.
    const relevant = constraints.length > 1 ? constraints.filter(([name]) => name !== 'nestedValidation') : constraints;
    const own = relevant.map(([, message]) => reasonFor(path, error.property, message));
    return [...own, ...toReasons(error.children ?? [], path)];
  });
}
