import type { MailSink, ReceivedMail } from '@oms/local-infra';
import { waitFor } from '@oms/testing';
import { call, eventually } from './support/api';
import { startE2e, type E2eRun } from './support/e2e-run';
import type { E2eSystem } from './support/e2e-system';
import { MONTHLY, runCycle, subscribe } from './support/scenario';

type Page<T> = { items: T[]; total: number };
type ShipTo = { name: string; lines: string[]; postcode: string; city: string; countryCode: string };
type Order = { orderId: string; status: string; cycleIndex: number; cycleKey: string; shipTo: ShipTo | null; lines: Array<{ sku: string; quantity: number }> };
type Cycle = { cycleIndex: number; status: string; skipReason: string | null };

const SKU = 'E2E-YEAR-COFFEE';
const EMAIL = 'year@example.com';
const QUARTERLY = { unit: 'month', interval: 3 };
const HOME: ShipTo = { name: 'Ann de Vries', lines: ['Keizersgracht 1'], postcode: '1015 CJ', city: 'Amsterdam', countryCode: 'NL' };
const NEW_HOME: ShipTo = { name: 'Ann de Vries', lines: ['Damrak 5', '3rd floor'], postcode: '1012 LG', city: 'Amsterdam', countryCode: 'NL' };

/** Noon UTC of a date: after the 09:00 (Amsterdam) delivery time in every season. */
const noon = (date: string) => new Date(`${date}T12:00:00Z`);

/**
 * One subscription told over a year by the business clock, across the five
 * services: monthly, paused for two cycles and resumed, one cycle skipped, one
 * moved, changed to quarterly after its fifth order, quantity and address
 * changed, then cancelled at period end. The orders (cycle keys, lines, address),
 * the action confirmations and the renewal reminders are exact, and nothing
 * follows the cancel.
 */
describe('a year of one subscription across the five services', () => {
  let run: E2eRun;
  let system: E2eSystem;
  let sink: MailSink;
  let id: string;

  beforeAll(async () => {
    run = await startE2e({ mail: 'e2e-year-mail', clock: noon('2026-01-01'), env: { RETRY_BASE_DELAY_MS: '200', REMINDER_DAYS_BEFORE: '3' } });
    ({ system, sink } = run);
  }, 240000);

  afterAll(() => run?.stop());

  const mails = async (template: string): Promise<ReceivedMail[]> =>
    (await sink.messages()).filter((m) => m.headers['x-oms-template'] === template && m.to.includes(EMAIL));
  const subjects = async (template: string) => (await mails(template)).map((m) => m.subject);
  /** Waits for the `count`-th email of a template (they arrive one step at a time, in order). */
  const nthMail = async (template: string, count: number): Promise<string> =>
    (await waitFor(() => subjects(template), (s) => s.length >= count, { timeoutMs: 30000, what: `${template} email #${count}` }))[count - 1]!;
  const act = async (method: string, path: string, body: unknown, confirmations: number): Promise<string> => {
    await call(system, 'subscriptions', method, `/subscriptions/${id}${path}`, body);
    return nthMail('subscription-action', confirmations); // also means notifications has re-planned its reminders
  };
  /** Moves the clock to three days before a delivery (noon): its reminder, if any, goes out now. */
  const reminderWindow = async (deliveryDate: string) => {
    const at = noon(deliveryDate);
    at.setUTCDate(at.getUTCDate() - 3);
    await system.setClock(at);
  };
  const quietly = () => new Promise((resolve) => setTimeout(resolve, 1000)); // a wrong email would be sent within a few dispatch rounds
  const ordered = async (count: number) =>
    (await eventually<Page<Order>>(system, 'orders', `/orders?subscriptionId=${id}&limit=50`, (p) => p.total === count)).items.sort((a, b) => a.cycleIndex - b.cycleIndex);
  const runDay = async (date: string, emitted: number) => {
    const run = await runCycle(system, noon(date));
    expect({ date, status: run.status, emitted: run.counts.emitted }).toEqual({ date, status: 'succeeded', emitted });
  };

  it('orders exactly the cycles the actions leave, with their lines and address, and confirms and reminds exactly', async () => {
    const product = await call(system, 'catalog', 'POST', '/products', {
      sku: SKU, name: 'Coffee beans', type: 'goods', subscribable: true, allowedFrequencies: [MONTHLY, QUARTERLY], prices: [{ currency: 'EUR', amountMinor: 1999 }],
    });
    await call(system, 'fulfillment', 'POST', '/warehouses', { code: 'MAIN', name: 'Main warehouse' }, [201, 409]);
    await call(system, 'fulfillment', 'PUT', `/warehouses/MAIN/stock/${SKU}`, { onHand: 100 });
    id = await subscribe(system, product.productId, { customerEmail: EMAIL, timeZone: 'Europe/Amsterdam', startDate: '2026-01-10', shipTo: HOME });

    // Monthly on the 10th at 09:00 Amsterdam: cycles 0 and 1 are ordered, each announced three days ahead.
    await reminderWindow('2026-01-10');
    expect(await nthMail('renewal-reminder', 1)).toBe('Your subscription renews on Saturday, 10 January 2026');
    await runDay('2026-01-10', 1);
    await ordered(1);
    await reminderWindow('2026-02-10');
    expect(await nthMail('renewal-reminder', 2)).toBe('Your subscription renews on Tuesday, 10 February 2026');
    await runDay('2026-02-10', 1);
    await ordered(2);

    // Paused now, for two cycles (March and April), then resumed: no reminder and no order in the pause.
    await system.setClock(noon('2026-02-20'));
    expect(await act('POST', '/pause', { reason: 'travelling' }, 1)).toBe('Your subscription is paused from Friday, 20 February 2026');
    for (const day of ['2026-03-10', '2026-04-10']) {
      await reminderWindow(day);
      await quietly();
      await runDay(day, 0);
    }
    await system.setClock(noon('2026-04-20'));
    expect(await act('POST', '/resume', {}, 2)).toBe('Your subscription resumes on Monday, 20 April 2026');
    await reminderWindow('2026-05-10');
    expect(await nthMail('renewal-reminder', 3)).toBe('Your subscription renews on Sunday, 10 May 2026');
    await runDay('2026-05-10', 1);
    await ordered(3);

    // Cycle 5 (June) skipped, cycle 6 moved from 10 to 14 July: the reminders follow.
    await system.setClock(noon('2026-05-20'));
    expect(await act('POST', '/cycles/5/skip', { reason: 'still have plenty' }, 3)).toBe('Your delivery of Wednesday, 10 June 2026 is skipped');
    await system.setClock(noon('2026-05-25'));
    expect(await act('POST', '/cycles/6/reschedule', { dueOn: '2026-07-14' }, 4)).toBe('Your delivery moves to Tuesday, 14 July 2026');
    await reminderWindow('2026-06-10');
    await quietly();
    await runDay('2026-06-10', 0);
    await reminderWindow('2026-07-10');
    await quietly();
    await runDay('2026-07-10', 0);
    await reminderWindow('2026-07-14');
    expect(await nthMail('renewal-reminder', 4)).toBe('Your subscription renews on Tuesday, 14 July 2026');
    await runDay('2026-07-14', 1);
    await ordered(4);
    await reminderWindow('2026-08-10');
    expect(await nthMail('renewal-reminder', 5)).toBe('Your subscription renews on Monday, 10 August 2026');
    await runDay('2026-08-10', 1);
    await ordered(5);

    // After the fifth order: quarterly from the next cycle (it keeps its date), then quantity 3.
    await system.setClock(noon('2026-08-20'));
    expect(await act('PATCH', '', { frequency: QUARTERLY }, 5)).toBe('Your subscription has changed');
    await system.setClock(noon('2026-08-25'));
    const { lines } = await call<{ lines: Array<{ lineId: string; productId: string }> }>(system, 'subscriptions', 'GET', `/subscriptions/${id}`);
    expect(await act('PATCH', '', { lines: [{ lineId: lines[0]!.lineId, productId: product.productId, quantity: 3 }] }, 6)).toBe('Your subscription has changed');
    await reminderWindow('2026-09-10');
    expect(await nthMail('renewal-reminder', 6)).toBe('Your subscription renews on Thursday, 10 September 2026');
    await runDay('2026-09-10', 1);
    await ordered(6);

    // A new address applies from the next cycle (December); October and November are not delivery months any more.
    await system.setClock(noon('2026-09-20'));
    expect(await act('PATCH', '', { shipTo: NEW_HOME }, 7)).toBe('Your subscription has changed');
    for (const day of ['2026-10-10', '2026-11-10']) {
      await reminderWindow(day);
      await quietly();
      await runDay(day, 0);
    }
    await reminderWindow('2026-12-10');
    expect(await nthMail('renewal-reminder', 7)).toBe('Your subscription renews on Thursday, 10 December 2026');
    await runDay('2026-12-10', 1);
    await ordered(7);

    // Cancelled at period end: the December order is the last; March 2027 orders nothing and tells the customer.
    await system.setClock(noon('2026-12-20'));
    expect(await act('POST', '/cancel', { when: 'period-end', reason: 'moving abroad' }, 8)).toBe('Your subscription ends on Wednesday, 10 March 2027');
    await reminderWindow('2027-03-10');
    await quietly();
    await runDay('2027-03-10', 0);
    expect(await nthMail('subscription-action', 9)).toBe('Your subscription has ended');
    for (const day of ['2027-06-10', '2027-09-10', '2027-12-10']) await runDay(day, 0);
    await quietly();

    const orders = await ordered(7);
    expect(orders.map((o) => [o.cycleKey, o.lines.map((l) => [l.sku, l.quantity]), o.shipTo])).toEqual([
      [`sub:${id}:cycle:0`, [[SKU, 2]], HOME],
      [`sub:${id}:cycle:1`, [[SKU, 2]], HOME],
      [`sub:${id}:cycle:4`, [[SKU, 2]], HOME],
      [`sub:${id}:cycle:6`, [[SKU, 2]], HOME],
      [`sub:${id}:cycle:7`, [[SKU, 2]], HOME],
      [`sub:${id}:cycle:8`, [[SKU, 3]], HOME],
      [`sub:${id}:cycle:9`, [[SKU, 3]], NEW_HOME],
    ]);
    const ledger = await call<Page<Cycle>>(system, 'subscriptions', 'GET', `/subscriptions/${id}/cycles?limit=50`);
    expect(ledger.items.filter((c) => c.cycleIndex <= 9).map((c) => [c.cycleIndex, c.status, c.skipReason]).reverse()).toEqual([
      [0, 'emitted', null], [1, 'emitted', null], [2, 'skipped', 'pause'], [3, 'skipped', 'pause'], [4, 'emitted', null],
      [5, 'skipped', 'override'], [6, 'emitted', null], [7, 'emitted', null], [8, 'emitted', null], [9, 'emitted', null],
    ]);
    expect(ledger.items.filter((c) => c.cycleIndex > 9 && c.status === 'emitted')).toEqual([]);
    expect(await call(system, 'subscriptions', 'GET', `/subscriptions/${id}`)).toMatchObject({ status: 'cancelled', nextDueAt: null, shipTo: NEW_HOME });

    expect(await subjects('subscription-action')).toEqual([
      'Your subscription is paused from Friday, 20 February 2026',
      'Your subscription resumes on Monday, 20 April 2026',
      'Your delivery of Wednesday, 10 June 2026 is skipped',
      'Your delivery moves to Tuesday, 14 July 2026',
      'Your subscription has changed',
      'Your subscription has changed',
      'Your subscription has changed',
      'Your subscription ends on Wednesday, 10 March 2027',
      'Your subscription has ended',
    ]);
    expect(await subjects('renewal-reminder')).toHaveLength(7); // none for March, April, June, 10 July, October, November, March 2027
    const confirmations = await waitFor(() => mails('order-confirmation'), (m) => m.length >= 7, { timeoutMs: 30000, what: '7 order confirmations' });
    expect(confirmations).toHaveLength(7);
  });
});
