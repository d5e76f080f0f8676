import type { Schema } from '../openapi-operations';

/** A field of a body: its path (array indexes as numbers), its schema, and whether its parent requires it. */
export interface FieldSlot {
  path: Array<string | number>;
  schema: Schema;
  required: boolean;
}

/**
 * A plausible value for `schema`: its example, first enum value or something
 * of the right type and format, so that a single mutation is what makes the
 * request malformed. Optional properties are included too, to be mutated.
 */
export function exampleFor(schema: Schema | undefined): unknown {
  if (!schema) return {};
  if (schema.example !== undefined) return structuredClone(schema.example);
  if (schema.enum?.length) return schema.enum[0];
  switch (schema.type) {
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, 1);
    case 'boolean':
      return true;
    case 'array':
      return Array.from({ length: Math.max(schema.minItems ?? 1, 1) }, () => exampleFor(schema.items));
    case 'string':
      if (schema.format === 'uuid') return '00000000-0000-4000-8000-000000000001';
      if (schema.format === 'date-time') return '2026-01-01T00:00:00Z';
      if (schema.format === 'email') return 'fuzz@example.com';
      return 'fuzz';
    default:
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, value]) => [key, exampleFor(value)]));
  }
}

/** Every field reachable in `value` as built by exampleFor, depth first. */
export function fieldSlots(schema: Schema | undefined, value: unknown, path: Array<string | number> = []): FieldSlot[] {
  if (!schema) return [];
  if (Array.isArray(value) && schema.items) {
    return value.flatMap((item, index) => [
      { path: [...path, index], schema: schema.items!, required: true },
      ...fieldSlots(schema.items, item, [...path, index]),
    ]);
  }
  if (typeof value === 'object' && value !== null && schema.properties) {
    return Object.entries(schema.properties).flatMap(([key, child]) => [
      { path: [...path, key], schema: child, required: schema.required?.includes(key) ?? false },
      ...fieldSlots(child, (value as Record<string, unknown>)[key], [...path, key]),
    ]);
  }
  return [];
}

export function isObjectSchema(schema: Schema): boolean {
  return schema.type === 'object' || schema.properties !== undefined;
}

/** How a field path is named in error responses: `lines.0.quantity`. */
export function dotted(path: Array<string | number>): string {
  return path.join('.');
}
