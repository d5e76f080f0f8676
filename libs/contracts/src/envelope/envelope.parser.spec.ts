import { fixtures } from '../fixtures/all-events.fixture';
import { ContractViolationError } from './contract-violation.error';
import { parseEnvelope } from './envelope.parser';

/** Runs parseEnvelope and returns the reasons it rejected `raw` with. */
function reasonsFor(raw: unknown): string[] {
  try {
    parseEnvelope(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(ContractViolationError);
    return (error as ContractViolationError).reasons;
  }
  throw new Error('expected parseEnvelope to reject');
}

/** A valid envelope as a plain JSON object, ready to be broken. */
const plain = (): Record<string, unknown> => JSON.parse(JSON.stringify(fixtures.orderCreated()));

describe('parseEnvelope', () => {
  it('rejects bad JSON from a string or a Buffer', () => {
    expect(reasonsFor('{"specversion": ')).toEqual([expect.stringMatching(/^not valid JSON: /)]);
    expect(reasonsFor(Buffer.from('not json'))).toEqual([expect.stringMatching(/^not valid JSON: /)]);
    expect(() => parseEnvelope('{')).toThrow(/^event rejected: not valid JSON: /);
  });

  it.each([null, 42, [], 'null'])('rejects a message that is not an object (%p)', (raw) => {
    expect(reasonsFor(raw)).toEqual(['envelope must be a JSON object']);
  });

  it.each([
    ['specversion', 'specversion must be equal to 1.0'],
    ['id', 'id must be a UUID'],
    ['type', 'type must be a string'],
    ['source', 'source must be a path such as /orders'],
    ['subject', 'subject must be a string'],
    ['time', 'time must be a valid ISO 8601 date string'],
    ['correlationid', 'correlationid must be a string'],
    ['data', 'data should not be null or undefined'],
  ])('rejects a missing %s', (attribute, reason) => {
    const envelope = plain();
    delete envelope[attribute];
    expect(reasonsFor(envelope)).toContain(reason);
  });

  it('rejects a non-uuid id and a wrong specversion', () => {
    const reasons = reasonsFor({ ...plain(), id: 'order-1', specversion: '0.3' });
    expect(reasons).toEqual(['specversion must be equal to 1.0', 'id must be a UUID']);
  });

  it('rejects an unknown type, naming it', () => {
    expect(() => parseEnvelope({ ...plain(), type: 'orders.order.teleported.v1' })).toThrow(
      'orders.order.teleported.v1 rejected: type "orders.order.teleported.v1" is not a registered event type',
    );
  });

  it('lists envelope and data failures together, one per property', () => {
    const envelope = plain();
    envelope.id = 'x';
    envelope.data = { ...(envelope.data as object), currency: 'eur', totalMinor: undefined };
    const error = (() => {
      try {
        return parseEnvelope(envelope);
      } catch (e) {
        return e as ContractViolationError;
      }
    })() as ContractViolationError;
    expect(error.eventType).toBe('orders.order.created.v1');
    expect(error.name).toBe('ContractViolationError');
    expect(error.message).toBe(
      'orders.order.created.v1 rejected: id must be a UUID; ' +
        'data.currency must be a 3-letter upper-case ISO 4217 code; data.totalMinor must be an integer number',
    );
  });

  it('rejects data that is not an object', () => {
    expect(reasonsFor({ ...plain(), data: 'order' })).toEqual(['data must be a JSON object']);
  });

  it('does not coerce types: a numeric string is not a quantity', () => {
    const envelope = fixtures.orderCreated();
    const data = { ...envelope.data, lines: [{ ...envelope.data.lines[0], quantity: '2' }] };
    expect(reasonsFor({ ...envelope, data })).toEqual(['data.lines[0].quantity must be an integer number']);
  });

  it('accepts unknown fields, so adding a field is a compatible change', () => {
    const envelope = { ...fixtures.orderCreated(), traceparent: '00-abc-def-01' };
    const data = { ...envelope.data, giftWrap: true };
    expect(parseEnvelope({ ...envelope, data })).toEqual({ ...envelope, data });
  });

  it('returns data as the plain object, not a class instance', () => {
    const parsed = parseEnvelope(JSON.stringify(fixtures.orderCreated()));
    expect(Object.getPrototypeOf(parsed.data)).toBe(Object.prototype);
  });

  it('accepts an event without actor attributes (published before they existed)', () => {
    const envelope = plain();
    delete envelope.actorsub;
    delete envelope.actorrole;
    expect(parseEnvelope(envelope)).toEqual(envelope);
  });

  it('keeps the actor attributes of an event that carries them', () => {
    const parsed = parseEnvelope({ ...plain(), actorsub: 'cust-1', actorrole: 'customer' });
    expect(parsed).toMatchObject({ actorsub: 'cust-1', actorrole: 'customer' });
  });

  it('rejects half an actor or an empty one', () => {
    const withoutRole = plain();
    withoutRole.actorsub = 'cust-1';
    delete withoutRole.actorrole;
    expect(reasonsFor(withoutRole)).toEqual(['actorrole must be a string']);
    expect(reasonsFor({ ...plain(), actorsub: '', actorrole: 'customer' })).toEqual(['actorsub should not be empty']);
    expect(reasonsFor({ ...plain(), actorsub: 'cust-1', actorrole: 7 })).toEqual(['actorrole must be a string']);
  });
});
