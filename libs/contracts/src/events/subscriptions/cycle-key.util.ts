/**
 * Pattern of a cycle key, `sub:<subscriptionId>:cycle:<cycleIndex>`. The key is a
 * unique business key downstream, so a re-emitted due order cannot create a second order.
 */
export const CYCLE_KEY_PATTERN = /^sub:[^:]+:cycle:\d+$/;

/** Builds the cycle key for one subscription cycle; use it rather than formatting by hand. */
export function cycleKeyFor(subscriptionId: string, cycleIndex: number): string {
  return `sub:${subscriptionId}:cycle:${cycleIndex}`;
}
