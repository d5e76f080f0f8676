import { ContractViolationError } from '../envelope/contract-violation.error';
import type { EventEnvelope } from '../envelope/event-envelope.types';
import { parseEnvelope } from '../envelope/envelope.parser';
import { fixtures } from '../fixtures/all-events.fixture';
import { EventTypes, type EventTypeKey } from './event-types.constants';

// Test data is deliberately untyped: the point is to send what the types forbid.
type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** One malformed variant per event type, and the reason it must produce. */
const MALFORMED: Record<EventTypeKey, [mutate: (data: Data) => void, reason: string]> = {
  productChanged: [(d) => (d.prices[0].currency = 'eur'), 'data.prices[0].currency must be a 3-letter upper-case'],
  subscriptionCreated: [(d) => (d.frequency.interval = 0), 'data.frequency.interval must not be less than 1'],
  subscriptionActivated: [(d) => (d.status = 'frozen'), 'data.status must be one of the following values'],
  subscriptionPaused: [(d) => (d.lines = []), 'data.lines must contain at least 1 elements'],
  subscriptionResumed: [(d) => (d.startDate = '2025-02-30'), 'data.startDate must be a valid ISO 8601'],
  subscriptionCancelled: [(d) => (d.currentCycle = -1), 'data.currentCycle must not be less than 0'],
  subscriptionEnded: [(d) => (d.endDate = 'yesterday'), 'data.endDate must be a valid ISO 8601'],
  subscriptionEndRequested: [(d) => (d.lines[0].quantity = 1.5), 'data.lines[0].quantity must be an integer'],
  subscriptionSwapRequested: [(d) => delete d.customerId, 'data.customerId must be a string'],
  subscriptionCycleSkipped: [(d) => (d.cycle.cycleKey = 'cycle 4'), 'data.cycle.cycleKey must look like'],
  subscriptionCycleUnskipped: [(d) => (d.cycle.cycleIndex = -1), 'data.cycle.cycleIndex must not be less than 0'],
  subscriptionCycleRescheduled: [(d) => (d.cycle.previousDueAt = 'tuesday'), 'data.cycle.previousDueAt must be a valid ISO 8601'],
  subscriptionChanged: [(d) => (d.changedFields = ['colour']), 'data.changedFields each value in changedFields must be one of'],
  subscriptionCancelScheduled: [(d) => delete d.cancelAt, 'data.cancelAt must be a valid ISO 8601'],
  subscriptionReactivated: [(d) => (d.actor = { sub: '', role: 'csr' }), 'data.actor.sub should not be empty'],
  orderDue: [(d) => (d.cycleKey = 'cycle-3'), 'data.cycleKey must look like sub:<subscriptionId>:cycle:<n>'],
  jobRunFinished: [(d) => (d.counts.failed = -1), 'data.counts.failed must not be less than 0'],
  channelOrderPlaced: [(d) => (d.lines[0].frequency.unit = 'fortnight'), 'data.lines[0].frequency.unit must be one of'],
  orderCreated: [(d) => (d.priceOverrides[1].chargeType = 'gift-wrap'), 'data.priceOverrides[1].chargeType must be one of'],
  orderReserved: [(d) => (d.currency = 'euro'), 'data.currency must be a 3-letter upper-case ISO 4217 code'],
  orderReleased: [(d) => (d.totalMinor = 37.98), 'data.totalMinor must be an integer number'],
  orderOnHold: [(d) => (d.lines[0].unitPriceMinor = '1899'), 'data.lines[0].unitPriceMinor must be an integer'],
  orderHoldPlaced: [(d) => (d.placedHolds[0].type = 'whim'), 'data.placedHolds[0].type must be one of the following values'],
  orderHoldCleared: [(d) => (d.clearedHolds[0].clearedBy = { sub: '', role: 'csr' }), 'data.clearedHolds[0].clearedBy.sub should not be empty'],
  orderBackordered: [(d) => (d.status = 'back-ordered'), 'data.status must be one of the following values'],
  orderCancelled: [(d) => (d.cycleKey = 'sub::cycle:x'), 'data.cycleKey must look like'],
  orderShipped: [(d) => (d.lines = 'two bags'), 'data.lines must be an array'],
  orderDelivered: [(d) => (d.lines = [42]), 'data.lines[0] must be an object'],
  orderClosed: [(d) => (d.orderNumber = ''), 'data.orderNumber should not be empty'],
  orderLate: [(d) => (d.promisedShipBy = 'tomorrow'), 'data.promisedShipBy must be a valid ISO 8601'],
  paymentAuthorized: [(d) => (d.amountMinor = -1), 'data.amountMinor must not be less than 0'],
  paymentAuthorizationFailed: [(d) => (d.failureCode = 'bad-luck'), 'data.failureCode must be one of the following values'],
  paymentCaptured: [(d) => (d.type = 'charge'), 'data.type must be one of the following values'],
  paymentVoided: [(d) => delete d.balance, 'data.balance'],
  paymentRefunded: [(d) => (d.attempt = 0), 'data.attempt must not be less than 1'],
  dunningExhausted: [(d) => (d.finalAction = 'shrug'), 'data.finalAction must be one of the following values'],
  reservationReserved: [(d) => (d.kind = 'forever'), 'data.kind must be one of the following values'],
  reservationShortage: [(d) => (d.lines[0].shortBy = -1), 'data.lines[0].shortBy must not be less than 0'],
  reservationReleased: [(d) => (d.outcome = 'gone'), 'data.outcome must be one of the following values'],
  shipmentStatusChanged: [(d) => (d.status = 'lost'), 'data.status must be one of the following values'],
  rentalAvailabilityChanged: [(d) => (d.available = -1), 'data.available must not be less than 0'],
  messageSent: [(d) => (d.recipient = 'not-an-email'), 'data.recipient must be an email'],
  messageFailed: [(d) => (d.attempts = 0), 'data.attempts must not be less than 1'],
};

const keys = Object.keys(EventTypes) as EventTypeKey[];

function rejection(raw: unknown): ContractViolationError {
  try {
    parseEnvelope(raw);
  } catch (error) {
    if (error instanceof ContractViolationError) return error;
    throw error;
  }
  throw new Error('expected parseEnvelope to reject');
}

describe('event contracts', () => {
  it('has a fixture and a malformed case for every event type', () => {
    expect(Object.keys(fixtures).sort()).toEqual([...keys].sort());
    expect(Object.keys(MALFORMED).sort()).toEqual([...keys].sort());
  });

  describe.each(keys)('%s', (key) => {
    const build = (): EventEnvelope<Data> => fixtures[key]() as EventEnvelope<Data>;

    it('fixture carries its own type and a fresh id per call', () => {
      const envelope = build();
      expect(envelope.type).toBe(EventTypes[key]);
      expect(build().id).not.toBe(envelope.id);
    });

    it('valid fixture passes as an object, a JSON string and a Buffer', () => {
      const envelope = build();
      const json = JSON.stringify(envelope);
      expect(parseEnvelope(envelope)).toEqual(envelope);
      expect(parseEnvelope(json)).toEqual(envelope);
      expect(parseEnvelope(Buffer.from(json))).toEqual(envelope);
    });

    it('malformed data is rejected with the offending path', () => {
      const [mutate, reason] = MALFORMED[key];
      const envelope = build();
      mutate(envelope.data);
      const error = rejection(JSON.stringify(envelope));
      expect(error.eventType).toBe(EventTypes[key]);
      expect(error.message).toMatch(new RegExp(`^${EventTypes[key].replace(/\./g, '\\.')} rejected: `));
      expect(error.message).toContain(reason);
      expect(error.reasons.some((r) => r.startsWith(reason))).toBe(true);
    });
  });
});
