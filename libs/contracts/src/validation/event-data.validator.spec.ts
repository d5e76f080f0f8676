import { EventTypes } from '../events/event-types.constants';
import { isEventOfType } from '../events/event-guards.util';
import { cycleKeyFor } from '../events/subscriptions/cycle-key.util';
import { fixtures } from '../fixtures/all-events.fixture';
import { parseEnvelope } from '../envelope/envelope.parser';
import { validateEventData } from './event-data.validator';

describe('validateEventData', () => {
  it('returns no reasons for valid data', () => {
    expect(validateEventData(EventTypes.orderDue, fixtures.orderDue().data)).toEqual([]);
  });

  it('returns every failure with its path under data', () => {
    const data = { ...fixtures.orderDue().data, cycleIndex: -1, lines: [{ quantity: 1 }] };
    expect(validateEventData(EventTypes.orderDue, data)).toEqual([
      'data.cycleIndex must not be less than 0',
      'data.lines[0].lineId must be a string',
      'data.lines[0].productId must be a string',
      'data.lines[0].sku must be a string',
    ]);
  });

  it('accepts optional fields left out and rejects them when malformed', () => {
    const { shipTo, ...withoutShipTo } = fixtures.orderDue().data;
    expect(shipTo).toBeDefined();
    expect(validateEventData(EventTypes.orderDue, withoutShipTo)).toEqual([]);
    expect(validateEventData(EventTypes.orderDue, { ...withoutShipTo, shipTo: 'home' })).toEqual([
      'data.shipTo must be an object',
    ]);
  });

  it('reports an unknown type instead of throwing', () => {
    expect(validateEventData('nope.v1', {})).toEqual(['type "nope.v1" is not a registered event type']);
  });
});

describe('fixture helpers', () => {
  it('merge data overrides and follow the aggregate id in subject', () => {
    const envelope = fixtures.orderCreated({ orderId: 'order-77' }, { correlationId: 'flow-1' });
    expect(envelope.subject).toBe('order-77');
    expect(envelope.correlationid).toBe('flow-1');
    expect(() => parseEnvelope(envelope)).not.toThrow();
  });

  it('build cycle keys that pass the contract', () => {
    expect(cycleKeyFor('sub-1', 4)).toBe('sub:sub-1:cycle:4');
  });

  it('narrow a parsed envelope by type', () => {
    const envelope = parseEnvelope(JSON.stringify(fixtures.orderShipped()));
    expect(isEventOfType(envelope, EventTypes.orderShipped) && envelope.data.orderNumber).toBe('SO-2025-000123');
    expect(isEventOfType(envelope, EventTypes.orderCreated)).toBe(false);
  });
});
