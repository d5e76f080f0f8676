import { randomUUID } from 'node:crypto';
import { authAs } from '@oms/testing';
import { call } from './api';
import type { E2eSystem } from './e2e-system';

export const MONTHLY = { unit: 'month', interval: 1 };

/** A product in the catalog with stock in one warehouse; waits until subscriptions can see it. */
export async function stockedProduct(system: E2eSystem, sku: string, onHand: number, priceMinor = 1999): Promise<string> {
  const product = await call(system, 'catalog', 'POST', '/products', {
    sku, name: `Product ${sku}`, type: 'goods', subscribable: true, allowedFrequencies: [MONTHLY], prices: [{ currency: 'EUR', amountMinor: priceMinor }],
  });
  await call(system, 'fulfillment', 'POST', '/warehouses', { code: 'MAIN', name: 'Main warehouse' }, [201, 409]);
  await call(system, 'fulfillment', 'PUT', `/warehouses/MAIN/stock/${sku}`, { onHand });
  return product.productId as string;
}

/** Creates a subscription, retrying while the product is still on its way into the subscriptions read model. */
export async function subscribe(system: E2eSystem, productId: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const customerId = `cust-${randomUUID().slice(0, 8)}`;
  const body: Record<string, unknown> = {
    customerId, customerEmail: `${customerId}@example.com`, currency: 'EUR', timeZone: 'UTC', frequency: MONTHLY,
    startDate: '2026-01-15', deliveryTime: '09:00', lines: [{ productId, quantity: 2 }], ...overrides,
  };
  for (let attempt = 0; ; attempt += 1) {
    const response = await fetch(`${system.url('subscriptions')}/subscriptions`, { method: 'POST', headers: { ...authAs('channel'), 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (response.status === 201) return ((await response.json()) as { subscriptionId: string }).subscriptionId;
    if (response.status !== 422 || attempt > 100) throw new Error(`subscription refused: ${response.status} ${await response.text()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Moves every service's clock and runs the subscription-order job to completion. */
export async function runCycle(system: E2eSystem, now: Date) {
  await system.setClock(now);
  return call(system, 'subscriptions', 'POST', '/jobs/subscription-orders/runs?wait=true');
}
