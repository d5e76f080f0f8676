import { RENTAL_TEMPLATES } from '../rental/rental-templates';

/** A rendered email: what is stored on the message row and sent as is. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** Template names: the `template` column, the X-OMS-Template header and MessageOutcomeV1.template. */
export const TEMPLATES = {
  orderConfirmation: 'order-confirmation',
  renewalReminder: 'renewal-reminder',
  outOfStock: 'out-of-stock',
  orderShipped: 'order-shipped',
  /** To operations: an order was put on a fraud hold. */
  fraudHold: 'fraud-hold',
  /** The late-order watchdog's notice (orders.order.late.v1) and its cancellation (cancelled with cancelCode late). */
  lateOrder: 'late-order',
  lateOrderCancelled: 'late-order-cancelled',
  /** To the customer, once per failed authorization of a subscription cycle's order (its dunning step): attempt k of n, the next try or what happens now. */
  paymentFailed: 'payment-failed',
  /** To the customer when a cycle order's payment goes through after failed tries; not a dunning email. */
  paymentRecovered: 'payment-recovered',
  ...RENTAL_TEMPLATES,
  /** One per subscription action (pause, skip, change, cancel...); the subject says which. */
  subscriptionAction: 'subscription-action',
} as const;

export type TemplateName = (typeof TEMPLATES)[keyof typeof TEMPLATES];
