import { EventTypes } from '../event-types.constants';
import { fixtures } from '../../fixtures/all-events.fixture';
import { validateEventData } from '../../validation/event-data.validator';

const address = () => ({ name: 'Ann de Vries', lines: ['Keizersgracht 1'], postcode: '1015 CJ', city: 'Amsterdam', countryCode: 'NL' });
const valid = () => fixtures.channelOrderPlaced().data;
const reasons = (overrides: Record<string, unknown>) => validateEventData(EventTypes.channelOrderPlaced, { ...valid(), ...overrides });

/** The rules of POST /orders and POST /subscriptions, so a refused request is a dead letter as an event. */
describe('channel.order.placed.v1 is as strict as the HTTP routes', () => {
  it('accepts the fixture', () => {
    expect(validateEventData(EventTypes.channelOrderPlaced, valid())).toEqual([]);
  });

  it('accepts a delivery address, its optional region and phone left out', () => {
    expect(reasons({ shipTo: address() })).toEqual([]);
    expect(reasons({ shipTo: { ...address(), region: 'Noord-Holland', phone: '+31 20 123 4567' } })).toEqual([]);
  });

  it.each([
    [{ customerId: '   ' }, 'data.customerId'],
    [{ customerId: '\u200b' }, 'data.customerId'],
    [{ channel: '' }, 'data.channel'],
    [{ channelOrderId: 'x'.repeat(181) }, 'data.channelOrderId'],
    [{ customerId: 'cust\u0000' }, 'data.customerId'],
    [{ customerName: 'Ann\ud800' }, 'data.customerName'],
    [{ customerEmail: null }, 'data.customerEmail'],
    [{ lines: [[]] }, 'data.lines'],
    [{ lines: [] }, 'data.lines'],
    [{ lines: Array.from({ length: 51 }, () => valid().lines[0]) }, 'data.lines'],
    [{ lines: [{ ...valid().lines[0], quantity: 1000 }] }, 'data.lines[0].quantity'],
    [{ lines: [{ ...valid().lines[0], productId: 'coffee' }] }, 'data.lines[0].productId'],
    [{ lines: [{ ...valid().lines[0], frequency: { unit: 'day', interval: 366 } }] }, 'data.lines[0].frequency.interval'],
    [{ shipTo: null }, 'data.shipTo'],
    [{ shipTo: 'home' }, 'data.shipTo'],
    [{ shipTo: { ...address(), name: ' \u200b ' } }, 'data.shipTo.name'],
    [{ shipTo: { ...address(), lines: [] } }, 'data.shipTo.lines'],
    [{ shipTo: { ...address(), lines: ['   '] } }, 'data.shipTo.lines'],
    [{ shipTo: { ...address(), lines: ['Damrak 5', '\u200b'] } }, 'data.shipTo.lines'],
    [{ shipTo: { ...address(), lines: ['Damrak\u0000 5'] } }, 'data.shipTo.lines'],
    [{ shipTo: { ...address(), lines: ['a', 'b', 'c', 'd'] } }, 'data.shipTo.lines'],
    [{ shipTo: { ...address(), postcode: 'x'.repeat(21) } }, 'data.shipTo.postcode'],
    [{ shipTo: { ...address(), countryCode: 'nl' } }, 'data.shipTo.countryCode'],
    [{ shipTo: { ...address(), phone: 'call me' } }, 'data.shipTo.phone'],
    [{ shipTo: { ...address(), region: null } }, 'data.shipTo.region'],
  ])('refuses %j naming %s', (overrides, field) => {
    const found = reasons(overrides);
    expect(found.length).toBeGreaterThan(0);
    expect(found.some((reason) => reason.startsWith(field))).toBe(true);
  });
});
