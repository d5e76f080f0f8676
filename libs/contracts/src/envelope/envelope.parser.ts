import { EVENT_REGISTRY } from '../events/event.registry';
import { validateAgainst } from '../validation/event-data.validator';
import { ContractViolationError } from './contract-violation.error';
import { EnvelopeAttributes } from './envelope-attributes.schema';
import type { EventEnvelope } from './event-envelope.types';

/** Kafka hands over a Buffer, tests often a string, an HTTP body an object; accept all three. */
function decode(raw: unknown): unknown {
  if (typeof raw !== 'string' && !Buffer.isBuffer(raw)) return raw;
  const text = typeof raw === 'string' ? raw : raw.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ContractViolationError([`not valid JSON: ${(error as Error).message}`]);
  }
}

/**
 * Decodes and validates one message: the envelope attributes, that `type` is
 * registered, and `data` against that type's class. All failures are collected,
 * so one DLQ entry shows everything that is wrong.
 *
 * @param raw - a JSON string or Buffer (a Kafka message value), or an already parsed object.
 * @returns the envelope, with `data` as the validated plain object.
 * @throws ContractViolationError listing every failing property path
 *   (`id must be a UUID`, `data.lines[0].quantity must be a positive number`).
 */
export function parseEnvelope(raw: string | Buffer | unknown): EventEnvelope {
  const value = decode(raw);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ContractViolationError(['envelope must be a JSON object']);
  }
  const candidate = value as Record<string, unknown>;
  const type = typeof candidate.type === 'string' && candidate.type !== '' ? candidate.type : undefined;
  const reasons = validateAgainst(EnvelopeAttributes, candidate, '');

  const definition = type === undefined ? undefined : EVENT_REGISTRY.get(type);
  if (type !== undefined && !definition) reasons.push(`type "${type}" is not a registered event type`);
  if (definition && candidate.data !== undefined) {
    reasons.push(...validateAgainst(definition.dataClass, candidate.data, 'data'));
  }

  if (reasons.length > 0) throw new ContractViolationError(reasons, type);
  return candidate as unknown as EventEnvelope;
}
