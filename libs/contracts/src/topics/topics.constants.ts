/**
 * Every Kafka topic in the system. Services must take names from here, never
 * from string literals, so a rename or a `.v2` is one change in one place.
 * Entity topics (`orders.order.v1`) carry several event types so that one
 * aggregate's events stay ordered on one partition (message key = aggregate id).
 */
export const Topics = {
  catalogProduct: 'catalog.product.v1',
  subscriptionLifecycle: 'subscriptions.subscription.v1',
  orderDue: 'subscriptions.order-due.v1',
  jobRun: 'subscriptions.job-run.v1',
  channelOrder: 'channel.order.v1',
  order: 'orders.order.v1',
  payment: 'orders.payment.v1',
  reservation: 'fulfillment.reservation.v1',
  shipment: 'fulfillment.shipment.v1',
  inventory: 'fulfillment.inventory.v1',
  message: 'notifications.message.v1',
} as const;

/** Name of one of the {@link Topics}. */
export type TopicName = (typeof Topics)[keyof typeof Topics];

/**
 * Dead-letter topic for `topic`: permanently malformed messages go here with
 * the error attached, so they never block the partition.
 */
export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}
