import { systemActor } from '@oms/auth';

/** The subscriptions service's own decisions: scheduled runs, due cycles, pauses and cancels taking effect, ends. */
export const SUBSCRIPTIONS_SYSTEM = systemActor('subscriptions');
