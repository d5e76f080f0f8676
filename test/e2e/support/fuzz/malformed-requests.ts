import fc from 'fast-check';
import type { Schema } from '../openapi-operations';
import { dotted, exampleFor, fieldSlots, isObjectSchema, type FieldSlot } from './schema-values';

/** One request to send: exact bytes and Content-Type, and what the answer must be. */
export interface MalformedRequest {
  kind: string;
  /** The field a refusal must name (`lines.0.quantity`, `content-type`, `body`). */
  field: string;
  /** False only where the mutation may leave a valid body (an optional field left out). */
  mustRefuse: boolean;
  contentType: string;
  payload: string;
}

const KINDS = [
  'null', 'missing', 'wrong-type', 'nested-array', 'huge', 'invisible', 'nul', 'surrogate',
  'deep', 'proto-key', 'extra-key', 'out-of-range', 'content-type', 'body-shape', 'empty',
] as const;
type Kind = (typeof KINDS)[number];

const INVISIBLE = ['', '   ', '\u200b\u200b', '\u3164', '\ufeff\u200d', '\t\n', '\u00a0'];
const WRONG_CONTENT_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'application/json; charset=latin1', 'multipart/form-data; boundary=x'];
const BAD_SHAPES = ['[]', '[{}]', '"text"', '42', 'null', 'true', '{"a":', '{"a":1}}'];
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'];
const DEEP_MARK = '"@@deep-nesting@@"';

/**
 * `count` malformed requests for a route's body schema (none: a route that
 * takes no body), chosen by fast-check from `seed`: the same seed gives the
 * same requests on every run.
 */
export function malformedRequests(schema: Schema | undefined, count: number, seed: number): MalformedRequest[] {
  const root: Schema = schema ?? { type: 'object', properties: {} };
  const base = exampleFor(root);
  const slots: FieldSlot[] = [{ path: [], schema: root, required: true }, ...fieldSlots(root, base)];
  const arbitrary = fc.record({ slot: fc.constantFrom(...slots), kind: fc.constantFrom(...KINDS), variant: fc.nat({ max: 1000 }) });
  return fc.sample(arbitrary, { seed, numRuns: count }).map(({ slot, kind, variant }) => build(root, base, slot, kind, variant));
}

function build(root: Schema, base: unknown, slot: FieldSlot, kind: Kind, variant: number): MalformedRequest {
  const field = dotted(slot.path) || 'body';
  const pick = <T>(values: readonly T[]): T => values[variant % values.length]!;
  const at = (value: unknown, mustRefuse = true): MalformedRequest => ({ kind, field, mustRefuse, contentType: 'application/json', payload: jsonWith(base, slot.path, value) });
  const isString = slot.schema.type === 'string';
  switch (kind) {
    case 'null':
      return at(null, !slot.schema.nullable);
    case 'missing':
      if (slot.path.length === 0) return { kind, field, mustRefuse: (root.required?.length ?? 0) > 0, contentType: 'application/json', payload: '' };
      return { ...at(undefined, slot.required && typeof slot.path.at(-1) === 'string'), payload: jsonWith(base, slot.path, REMOVE) };
    case 'wrong-type':
      return at(pick(wrongTypes(slot.schema)));
    case 'nested-array':
      return at(pick([[[]], [[{}]], [null], [1, 'x']]), true);
    case 'huge': {
      const size = pick([5_000, 200_000]);
      const constrained = !isString || size > 100_000 || Boolean(slot.schema.maxLength ?? slot.schema.pattern ?? slot.schema.enum ?? slot.schema.format);
      return { ...at('A'.repeat(size), constrained), field: size > 100_000 ? 'body' : field };
    }
    case 'invisible':
      return at(pick(INVISIBLE));
    case 'nul':
      return at(pick(['fu\u0000zz', '\u0000', 'COFFEE\u0000']));
    case 'surrogate':
      return at(pick(['fu\ud800zz', '\udc00', 'x\udbff']));
    case 'deep': {
      const depth = pick([40, 3_000]);
      const nest = pick(['array', 'object']) === 'array' ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
      return { ...at(DEEP_MARK_VALUE), payload: jsonWith(base, slot.path, DEEP_MARK_VALUE).replace(DEEP_MARK, nest) };
    }
    case 'proto-key':
    case 'extra-key': {
      const key = kind === 'proto-key' ? pick(PROTO_KEYS) : pick(['unexpected', 'a\u0000b', 'isAdmin']);
      const target = isObjectSchema(slot.schema) ? slot : { path: [], schema: root, required: true };
      const withKey = (value: unknown) => Object.defineProperty(structuredClone(value ?? {}) as object, key, { value: { polluted: true }, enumerable: true });
      const payload = jsonWith(base, target.path, withKey(valueAt(base, target.path)));
      return { kind, field: [...target.path, key].join('.'), mustRefuse: true, contentType: 'application/json', payload };
    }
    case 'out-of-range': {
      const value = pick([2 ** 31, 2 ** 53 + 2, 1e300, -1, 0.5, -(2 ** 31) - 1, (slot.schema.maximum ?? 0) + 1]);
      return at(value, !isNumeric(slot.schema) || outOfRange(slot.schema, value));
    }
    case 'content-type':
      return { kind, field: 'content-type', mustRefuse: true, contentType: pick(WRONG_CONTENT_TYPES), payload: JSON.stringify(base) };
    case 'body-shape':
      return { kind, field: 'body', mustRefuse: true, contentType: 'application/json', payload: pick(BAD_SHAPES) };
    case 'empty':
      return { kind, field: root.required?.[0] ?? 'body', mustRefuse: (root.required?.length ?? 0) > 0, contentType: 'application/json', payload: '{}' };
  }
}

const REMOVE = Symbol('remove');
const DEEP_MARK_VALUE = JSON.parse(DEEP_MARK) as string;

function isNumeric(schema: Schema): boolean {
  return schema.type === 'integer' || schema.type === 'number';
}

/** Outside the declared bounds, not an integer where one is required, or an integer column could not hold it. */
function outOfRange(schema: Schema, value: number): boolean {
  if (schema.maximum !== undefined && value > schema.maximum) return true;
  if (schema.minimum !== undefined && value < schema.minimum) return true;
  if (schema.type === 'integer' && !Number.isSafeInteger(value)) return true;
  return schema.maximum === undefined && Math.abs(value) >= 2 ** 31;
}

function wrongTypes(schema: Schema): unknown[] {
  switch (schema.type) {
    case 'string':
      return [12345, true, {}, ['x'], 0];
    case 'integer':
    case 'number':
      return ['12', true, {}, [1], '', 'NaN'];
    case 'boolean':
      return ['true', 1, 0, 'yes', {}, []];
    case 'array':
      return [{}, 'x', 7, true];
    default:
      return ['x', 7, [], true, [[]]];
  }
}

function valueAt(value: unknown, path: Array<string | number>): unknown {
  return path.reduce<unknown>((current, key) => (current as Record<string | number, unknown> | undefined)?.[key], value);
}

/** JSON of `base` with the value at `path` replaced (or removed); the root itself when `path` is empty. */
function jsonWith(base: unknown, path: Array<string | number>, value: unknown): string {
  if (path.length === 0) return value === REMOVE ? '' : JSON.stringify(value);
  const copy = structuredClone(base) as Record<string | number, unknown>;
  const parent = valueAt(copy, path.slice(0, -1)) as Record<string | number, unknown>;
  const key = path.at(-1)!;
  if (value === REMOVE) {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
  } else {
    parent[key] = value;
  }
  return JSON.stringify(copy);
}
