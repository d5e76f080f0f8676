import { Topics, type TopicName } from '../topics/topics.constants';
import { ProductChangedV1 } from './catalog/product-changed-v1.schema';
import { ChannelOrderPlacedV1 } from './channel/channel-order-placed-v1.schema';
import { EventTypes, type EventType } from './event-types.constants';
import { RentalAvailabilityV1 } from './fulfillment/rental-availability-v1.schema';
import { ReservationOutcomeV1 } from './fulfillment/reservation-outcome-v1.schema';
import { ShipmentStatusV1 } from './fulfillment/shipment-status-v1.schema';
import { MessageOutcomeV1 } from './notifications/message-outcome-v1.schema';
import { OrderLifecycleV1 } from './orders/order-lifecycle-v1.schema';
import { DunningExhaustedV1, PaymentEventV1 } from './orders/payment-v1.schema';
import { JobRunFinishedV1 } from './subscriptions/job-run-finished-v1.schema';
import { OrderDueV1 } from './subscriptions/order-due-v1.schema';
import {
  SubscriptionCancelledV1,
  SubscriptionCancelScheduledV1,
  SubscriptionChangedV1,
  SubscriptionCycleChangedV1,
  SubscriptionPausedV1,
  SubscriptionReactivatedV1,
  SubscriptionResumedV1,
} from './subscriptions/subscription-actions-v1.schema';
import { SubscriptionLifecycleV1 } from './subscriptions/subscription-lifecycle-v1.schema';

/** Where an event type is published and which class validates its `data`. */
export interface EventDefinition {
  type: string;
  topic: TopicName;
  dataClass: new () => object;
}

const on = <TClass extends new () => object>(topic: TopicName, dataClass: TClass) => ({ topic, dataClass });

// `satisfies` makes the compiler reject a type added to EventTypes but not registered here.
const DEFINITIONS = {
  [EventTypes.productChanged]: on(Topics.catalogProduct, ProductChangedV1),
  [EventTypes.subscriptionCreated]: on(Topics.subscriptionLifecycle, SubscriptionLifecycleV1),
  [EventTypes.subscriptionActivated]: on(Topics.subscriptionLifecycle, SubscriptionLifecycleV1),
  [EventTypes.subscriptionPaused]: on(Topics.subscriptionLifecycle, SubscriptionPausedV1),
  [EventTypes.subscriptionResumed]: on(Topics.subscriptionLifecycle, SubscriptionResumedV1),
  [EventTypes.subscriptionCancelled]: on(Topics.subscriptionLifecycle, SubscriptionCancelledV1),
  [EventTypes.subscriptionEnded]: on(Topics.subscriptionLifecycle, SubscriptionLifecycleV1),
  [EventTypes.subscriptionEndRequested]: on(Topics.subscriptionLifecycle, SubscriptionLifecycleV1),
  [EventTypes.subscriptionSwapRequested]: on(Topics.subscriptionLifecycle, SubscriptionLifecycleV1),
  [EventTypes.subscriptionCycleSkipped]: on(Topics.subscriptionLifecycle, SubscriptionCycleChangedV1),
  [EventTypes.subscriptionCycleUnskipped]: on(Topics.subscriptionLifecycle, SubscriptionCycleChangedV1),
  [EventTypes.subscriptionCycleRescheduled]: on(Topics.subscriptionLifecycle, SubscriptionCycleChangedV1),
  [EventTypes.subscriptionChanged]: on(Topics.subscriptionLifecycle, SubscriptionChangedV1),
  [EventTypes.subscriptionCancelScheduled]: on(Topics.subscriptionLifecycle, SubscriptionCancelScheduledV1),
  [EventTypes.subscriptionReactivated]: on(Topics.subscriptionLifecycle, SubscriptionReactivatedV1),
  [EventTypes.orderDue]: on(Topics.orderDue, OrderDueV1),
  [EventTypes.jobRunFinished]: on(Topics.jobRun, JobRunFinishedV1),
  [EventTypes.channelOrderPlaced]: on(Topics.channelOrder, ChannelOrderPlacedV1),
  [EventTypes.orderCreated]: on(Topics.order, OrderLifecycleV1),
  [EventTypes.orderReserved]: on(Topics.order, OrderLifecycleV1),
  [EventTypes.orderReleased]: on(Topics.order, OrderLifecycleV1),
  [EventTypes.orderOnHold]: on(Topics.order, OrderLifecycleV1),
  [EventTypes.orderHoldPlaced]: on(Topics.order, OrderLifecycleV1),
  [EventTypes.orderHoldCleared]: on(Topics.order, OrderLifecycleV1),
  [EventTypes.orderBackordered]: on(Topics.order, OrderLifecycleV1),
  [EventTypes.orderCancelled]: on(Topics.order, OrderLifecycleV1),
  [EventTypes.orderShipped]: on(Topics.order, OrderLifecycleV1),
  [EventTypes.orderDelivered]: on(Topics.order, OrderLifecycleV1),
  [EventTypes.orderClosed]: on(Topics.order, OrderLifecycleV1),
  [EventTypes.orderLate]: on(Topics.order, OrderLifecycleV1),
  [EventTypes.paymentAuthorized]: on(Topics.payment, PaymentEventV1),
  [EventTypes.paymentAuthorizationFailed]: on(Topics.payment, PaymentEventV1),
  [EventTypes.paymentCaptured]: on(Topics.payment, PaymentEventV1),
  [EventTypes.paymentVoided]: on(Topics.payment, PaymentEventV1),
  [EventTypes.paymentRefunded]: on(Topics.payment, PaymentEventV1),
  [EventTypes.dunningExhausted]: on(Topics.payment, DunningExhaustedV1),
  [EventTypes.reservationReserved]: on(Topics.reservation, ReservationOutcomeV1),
  [EventTypes.reservationShortage]: on(Topics.reservation, ReservationOutcomeV1),
  [EventTypes.reservationReleased]: on(Topics.reservation, ReservationOutcomeV1),
  [EventTypes.shipmentStatusChanged]: on(Topics.shipment, ShipmentStatusV1),
  [EventTypes.rentalAvailabilityChanged]: on(Topics.inventory, RentalAvailabilityV1),
  [EventTypes.messageSent]: on(Topics.message, MessageOutcomeV1),
  [EventTypes.messageFailed]: on(Topics.message, MessageOutcomeV1),
} satisfies Record<EventType, Omit<EventDefinition, 'type'>>;

/** The `data` type of each event type, e.g. `EventDataByType['orders.order.created.v1']`. */
export type EventDataByType = {
  [TType in EventType]: InstanceType<(typeof DEFINITIONS)[TType]['dataClass']>;
};

/** Every known event type, keyed by its `type` string. Unknown types are contract violations. */
export const EVENT_REGISTRY: ReadonlyMap<string, EventDefinition> = new Map(
  Object.entries(DEFINITIONS).map(([type, definition]) => [type, Object.freeze({ type, ...definition })]),
);
