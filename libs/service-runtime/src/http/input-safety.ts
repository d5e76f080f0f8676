import { textProblem } from '@oms/contracts';
import type { FieldError } from './field-validation.pipe';

/** Deeper than any request of ours needs (body → lines → [i] → line is 3), far below a stack overflow. */
export const MAX_INPUT_DEPTH = 16;

export { textProblem };

/** Keys that would reach an object's prototype if any code merged the body into another object. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Checks a whole input value (a body, the query or a path parameter) for what
 * no field may contain, whatever its type: nesting deeper than
 * {@link MAX_INPUT_DEPTH}, prototype keys, NUL characters and lone surrogates
 * in any key or string. Walks with an explicit stack, so an absurdly deep body
 * is reported instead of overflowing the call stack.
 *
 * @returns one error per offending field path (empty when the input is safe).
 */
export function inputSafetyErrors(value: unknown, root = ''): FieldError[] {
  const errors: FieldError[] = [];
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: root, depth: 0 }];
  while (stack.length > 0 && errors.length < 20) {
    const { value: current, path, depth } = stack.pop()!;
    if (typeof current === 'string') {
      const problem = textProblem(current);
      if (problem) errors.push({ field: path || 'body', messages: [`${path || 'body'} ${problem}`] });
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= MAX_INPUT_DEPTH) {
      errors.push({ field: path || 'body', messages: [`${path || 'body'} is nested deeper than ${MAX_INPUT_DEPTH} levels`] });
      continue;
    }
    for (const key of Object.keys(current)) {
      const field = path ? `${path}.${key}` : key;
      const keyProblem = PROTOTYPE_KEYS.has(key) ? 'is not an allowed property name' : textProblem(key);
      if (keyProblem) {
        errors.push({ field, messages: [`property ${JSON.stringify(key)} ${keyProblem}`] });
        continue;
      }
      stack.push({ value: (current as Record<string, unknown>)[key], path: field, depth: depth + 1 });
    }
  }
  return errors;
}
