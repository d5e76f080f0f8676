import type { Actor } from './actor';
import { assertActsFor, customerScope, inCustomerScope, inRecordScope, recordScope } from './customer-scope';

const customer: Actor = { sub: 'cust-1', role: 'customer' };
const channel: Actor = { sub: 'shop-1', role: 'channel' };
const staff: Actor[] = [{ sub: 'csr-1', role: 'csr' }, { sub: 'ops-1', role: 'ops' }, { sub: 'admin-1', role: 'admin' }];

describe('record scope', () => {
  it('confines a customer to their own records and a channel to what it created; staff see everything', () => {
    expect(recordScope(customer)).toEqual({ customerId: 'cust-1' });
    expect(recordScope(channel)).toEqual({ createdBy: 'shop-1' });
    for (const actor of staff) expect(recordScope(actor)).toEqual({});
    expect(customerScope(customer)).toBe('cust-1');
    expect(customerScope(channel)).toBeUndefined();
  });

  it('tells whether a loaded record is the caller\'s to see', () => {
    const record = { customerId: 'cust-1', createdBy: 'shop-1' };
    expect(inRecordScope(customer, record)).toBe(true);
    expect(inRecordScope({ sub: 'cust-2', role: 'customer' }, record)).toBe(false);
    expect(inRecordScope(channel, record)).toBe(true);
    expect(inRecordScope({ sub: 'shop-2', role: 'channel' }, record)).toBe(false);
    // A record made before its creator was recorded is no channel's.
    expect(inRecordScope(channel, { customerId: 'cust-1', createdBy: null })).toBe(false);
    for (const actor of staff) expect(inRecordScope(actor, { customerId: 'anyone' })).toBe(true);
    expect(inCustomerScope(customer, { customerId: null })).toBe(false);
    expect(inCustomerScope(channel, { customerId: 'cust-9' })).toBe(true);
  });

  it('lets a customer act only for themselves (403 otherwise)', () => {
    expect(() => assertActsFor(customer, 'cust-1')).not.toThrow();
    expect(() => assertActsFor(customer, 'cust-2')).toThrow(expect.objectContaining({ status: 403 }));
    expect(() => assertActsFor(channel, 'cust-2')).not.toThrow();
  });
});
