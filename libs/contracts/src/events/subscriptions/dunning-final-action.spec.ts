import { EventTypes } from '../event-types.constants';
import { orderDue } from '../../fixtures/order-due.fixture';
import { subscriptionCycleSkipped } from '../../fixtures/subscription-actions.fixture';
import { validateEventData } from '../../validation/event-data.validator';

/** The subscription's dunning final action and the typed reason of a change it did not ask for travel as typed fields. */
describe('dunning final action and reason code on subscription events', () => {
  it('accepts each final action on the due event, and none (orders falls back to its setting)', () => {
    for (const dunningFinalAction of ['pause', 'cancel', 'skip', undefined]) {
      expect(validateEventData(EventTypes.orderDue, { ...orderDue().data, dunningFinalAction })).toEqual([]);
    }
  });

  it('refuses an unknown final action or reason code, naming the field', () => {
    expect(validateEventData(EventTypes.orderDue, { ...orderDue().data, dunningFinalAction: 'shrug' }).join('\n')).toContain('data.dunningFinalAction');
    const skipped = subscriptionCycleSkipped().data;
    expect(validateEventData(EventTypes.subscriptionCycleSkipped, { ...skipped, reasonCode: 'payment-failed', dunningFinalAction: 'skip' })).toEqual([]);
    expect(validateEventData(EventTypes.subscriptionCycleSkipped, { ...skipped, reasonCode: 'bored' }).join('\n')).toContain('data.reasonCode');
  });
});
