/**
 * Every event `type` string: `<domain>.<entity>.<event>.v<major>`. The major
 * version changes only on a breaking change; adding optional fields does not.
 */
export const EventTypes = {
  productChanged: 'catalog.product.changed.v1',
  subscriptionCreated: 'subscriptions.subscription.created.v1',
  subscriptionActivated: 'subscriptions.subscription.activated.v1',
  subscriptionPaused: 'subscriptions.subscription.paused.v1',
  subscriptionResumed: 'subscriptions.subscription.resumed.v1',
  subscriptionCancelled: 'subscriptions.subscription.cancelled.v1',
  subscriptionEnded: 'subscriptions.subscription.ended.v1',
  subscriptionEndRequested: 'subscriptions.subscription.end-requested.v1',
  subscriptionSwapRequested: 'subscriptions.subscription.swap-requested.v1',
  subscriptionCycleSkipped: 'subscriptions.subscription.cycle-skipped.v1',
  subscriptionCycleUnskipped: 'subscriptions.subscription.cycle-unskipped.v1',
  subscriptionCycleRescheduled: 'subscriptions.subscription.cycle-rescheduled.v1',
  subscriptionChanged: 'subscriptions.subscription.changed.v1',
  subscriptionCancelScheduled: 'subscriptions.subscription.cancel-scheduled.v1',
  subscriptionReactivated: 'subscriptions.subscription.reactivated.v1',
  orderDue: 'subscriptions.order.due.v1',
  jobRunFinished: 'subscriptions.job-run.finished.v1',
  channelOrderPlaced: 'channel.order.placed.v1',
  orderCreated: 'orders.order.created.v1',
  orderReserved: 'orders.order.reserved.v1',
  orderReleased: 'orders.order.released.v1',
  orderOnHold: 'orders.order.on-hold.v1',
  /** Another hold on an order already on hold (status unchanged). */
  orderHoldPlaced: 'orders.order.hold-placed.v1',
  /** A hold cleared while others stay open (status unchanged); clearing the last one publishes the status the order returns to. */
  orderHoldCleared: 'orders.order.hold-cleared.v1',
  orderBackordered: 'orders.order.backordered.v1',
  orderCancelled: 'orders.order.cancelled.v1',
  orderShipped: 'orders.order.shipped.v1',
  orderDelivered: 'orders.order.delivered.v1',
  orderClosed: 'orders.order.closed.v1',
  /** Not shipped past its promised ship time plus the notice threshold: the order stays as it is; the customer is told once. */
  orderLate: 'orders.order.late.v1',
  paymentAuthorized: 'orders.payment.authorized.v1',
  paymentAuthorizationFailed: 'orders.payment.authorization-failed.v1',
  paymentCaptured: 'orders.payment.captured.v1',
  paymentVoided: 'orders.payment.voided.v1',
  paymentRefunded: 'orders.payment.refunded.v1',
  dunningExhausted: 'orders.payment.dunning-exhausted.v1',
  reservationReserved: 'fulfillment.reservation.reserved.v1',
  reservationShortage: 'fulfillment.reservation.shortage.v1',
  reservationReleased: 'fulfillment.reservation.released.v1',
  shipmentStatusChanged: 'fulfillment.shipment.status-changed.v1',
  rentalAvailabilityChanged: 'fulfillment.inventory.rental-availability.v1',
  messageSent: 'notifications.message.sent.v1',
  messageFailed: 'notifications.message.failed.v1',
} as const;

/** Key of {@link EventTypes}, e.g. `'orderCreated'`. */
export type EventTypeKey = keyof typeof EventTypes;

/** One of the registered event type strings. */
export type EventType = (typeof EventTypes)[EventTypeKey];
