import { EventTypes } from '../event-types.constants';
import { continuityOrderDue } from '../../fixtures/order-due.fixture';
import { validateEventData } from '../../validation/event-data.validator';

const valid = () => continuityOrderDue().data;
const reasons = (overrides: Record<string, unknown>) => validateEventData(EventTypes.orderDue, { ...valid(), ...overrides });
const line = () => valid().lines[0]!;

/** A continuity program's due cycle carries its step and the step's agreed unit prices as typed fields. */
describe('subscriptions.order.due.v1 of a continuity program', () => {
  it('accepts a cycle with its step and per-line unit prices', () => {
    expect(reasons({})).toEqual([]);
    expect(reasons({ lines: [{ ...line(), unitPriceMinor: 0 }] })).toEqual([]);
  });

  it.each([
    ['data.lines[0].unitPriceMinor', { lines: [{ ...line(), unitPriceMinor: -1 }] }],
    ['data.lines[0].unitPriceMinor', { lines: [{ ...line(), unitPriceMinor: 24.99 }] }],
    ['data.lines[0].unitPriceMinor', { lines: [{ ...line(), unitPriceMinor: '2499' }] }],
    ['data.continuity.step', { continuity: { ...valid().continuity, step: 0 } }],
    ['data.continuity.programId', { continuity: { ...valid().continuity, programId: '' } }],
    ['data.continuity.programVersion', { continuity: { ...valid().continuity, programVersion: undefined } }],
    ['data.continuity', { continuity: 'step 2' }],
  ])('refuses a bad %s (case %#)', (field, overrides) => {
    expect(reasons(overrides).join('\n')).toContain(field);
  });
});
