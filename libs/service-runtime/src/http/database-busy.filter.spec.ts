import { isDatabaseBusy } from './database-busy.filter';

describe('isDatabaseBusy', () => {
  it('recognises pool and transaction-slot timeouts', () => {
    expect(isDatabaseBusy(Object.assign(new Error('Transaction API error'), { code: 'P2028' }))).toBe(true);
    expect(isDatabaseBusy(Object.assign(new Error('pool'), { code: 'P2024' }))).toBe(true);
    expect(isDatabaseBusy(new Error('timeout exceeded when trying to connect'))).toBe(true);
  });

  it('leaves every other error alone', () => {
    expect(isDatabaseBusy(Object.assign(new Error('unique'), { code: 'P2002' }))).toBe(false);
    expect(isDatabaseBusy(new Error('boom'))).toBe(false);
    expect(isDatabaseBusy(undefined)).toBe(false);
  });
});
