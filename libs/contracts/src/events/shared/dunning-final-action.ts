/**
 * What a subscription cycle's failed payment leads to after the last retry of the dunning ladder:
 * - `pause`: the subscription is paused (until resumed);
 * - `cancel`: the subscription is cancelled;
 * - `skip`: this cycle counts as skipped and the subscription carries on.
 * Chosen per subscription (subscriptions) and carried on the due-order event; orders falls back to its payment setting.
 */
export const DUNNING_FINAL_ACTIONS = ['pause', 'cancel', 'skip'] as const;
/** One of {@link DUNNING_FINAL_ACTIONS}. */
export type DunningFinalAction = (typeof DUNNING_FINAL_ACTIONS)[number];

/**
 * Why a service changed a subscription by itself, as a typed fact on its lifecycle event
 * (never parsed from `reason`): `payment-failed` when a cycle's payment failed at every dunning step.
 */
export const SUBSCRIPTION_REASON_CODES = ['payment-failed'] as const;
/** One of {@link SUBSCRIPTION_REASON_CODES}. */
export type SubscriptionReasonCode = (typeof SUBSCRIPTION_REASON_CODES)[number];
