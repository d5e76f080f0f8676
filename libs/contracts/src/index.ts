/**
 * Public API of `@oms/contracts`: the event envelope, topic names, event types
 * with their data classes, and test fixtures. Nothing else may be imported.
 */

// Envelope
export type { EventEnvelope, NewEventInput } from './envelope/event-envelope.types';
export { actorOf, createEnvelope, eventCausedBy } from './envelope/envelope.factory';
export { parseEnvelope } from './envelope/envelope.parser';
export { ContractViolationError } from './envelope/contract-violation.error';
export { validateEventData } from './validation/event-data.validator';
export { hasVisibleCharacters, IsOmittable, IsVisible, IsVisibleText, textProblem } from './validation/text.decorators';

// Topics
export { Topics, deadLetterTopic, type TopicName } from './topics/topics.constants';
export { TOPIC_SPECS, type TopicSpec } from './topics/topic-specs.constants';

// Event types and registry
export { EventTypes, type EventType, type EventTypeKey } from './events/event-types.constants';
export { EVENT_REGISTRY, type EventDataByType, type EventDefinition } from './events/event.registry';
export { isEventOfType } from './events/event-guards.util';

// Event data classes
export { FREQUENCY_UNITS, FrequencyV1, type FrequencyUnit } from './events/shared/frequency-v1.schema';
export { frequencyLabel, sameFrequency } from './events/shared/frequency-label.util';
export { OUT_OF_STOCK_POLICIES, STOCK_OUTCOMES, type OutOfStockPolicy, type StockOutcome } from './events/shared/out-of-stock-policy';
export { SUBSCRIPTION_REASON_CODES, type SubscriptionReasonCode } from './events/shared/dunning-final-action';
export {
  DEFAULT_TAX_CODE,
  PRODUCT_STATUSES,
  PRODUCT_TYPES,
  TAX_CODE_PATTERN,
  ProductChangedV1,
  ProductPriceV1,
  type ProductStatus,
  type ProductType,
} from './events/catalog/product-changed-v1.schema';
export {
  SUBSCRIPTION_STATUSES,
  SubscriptionLifecycleV1,
  SubscriptionLineV1,
  SubscriptionSwapV1,
  type SubscriptionStatus,
} from './events/subscriptions/subscription-lifecycle-v1.schema';
export {
  CANCEL_WHEN,
  SUBSCRIPTION_CHANGE_FIELDS,
  SubscriptionCancelledV1,
  SubscriptionCancelScheduledV1,
  SubscriptionChangedV1,
  SubscriptionCycleChangedV1,
  SubscriptionCycleV1,
  SubscriptionPausedV1,
  SubscriptionReactivatedV1,
  SubscriptionResumedV1,
  type CancelWhen,
  type SubscriptionChangeField,
} from './events/subscriptions/subscription-actions-v1.schema';
export { ActorV1 } from './events/shared/actor-v1.schema';
export { ShipToV1 } from './events/shared/ship-to-v1.schema';
export { OrderDueContinuityV1, OrderDueLineV1, OrderDueV1 } from './events/subscriptions/order-due-v1.schema';
export { CYCLE_KEY_PATTERN, cycleKeyFor } from './events/subscriptions/cycle-key.util';
export {
  JOB_RUN_STATUSES,
  JOB_RUN_TRIGGERS,
  JobRunCountsV1,
  JobRunFinishedV1,
  type JobRunStatus,
  type JobRunTrigger,
} from './events/subscriptions/job-run-finished-v1.schema';
export {
  ChannelOrderLineV1,
  ChannelOrderPlacedV1,
  type SalesChannel,
} from './events/channel/channel-order-placed-v1.schema';
export {
  ORDER_CANCEL_CODES,
  ORDER_LINE_KINDS,
  ORDER_STATUSES,
  OrderLifecycleV1,
  OrderLineV1,
  type OrderCancelCode,
  type OrderLineKind,
  type OrderStatus,
} from './events/orders/order-lifecycle-v1.schema';
export { FraudEvaluationV1, FraudRuleHitV1, ORDER_HOLD_TYPES, OrderHoldV1, type OrderHoldType } from './events/orders/order-hold-v1.schema';
export { OrderTotalsV1, TAX_STATUSES, type TaxStatus } from './events/orders/order-totals-v1.schema';
export {
  CHARGE_TYPES,
  type ChargeType,
  PRICE_OVERRIDE_KINDS,
  type PriceOverrideKind,
  PRICE_OVERRIDE_UNITS,
  type PriceOverrideUnit,
  PriceOverrideV1,
} from './events/orders/price-override-v1.schema';
export {
  DUNNING_FINAL_ACTIONS,
  DunningExhaustedV1,
  DunningStepV1,
  PAYMENT_FAILURE_CODES,
  PAYMENT_TYPES,
  PaymentAttemptV1,
  PaymentBalanceV1,
  PaymentEventV1,
  type DunningFinalAction,
  type PaymentFailureCode,
  type PaymentType,
} from './events/orders/payment-v1.schema';
export {
  RESERVATION_KINDS,
  RESERVATION_OUTCOMES,
  ReservationLineV1,
  ReservationOutcomeV1,
  type ReservationKind,
  type ReservationOutcome,
} from './events/fulfillment/reservation-outcome-v1.schema';
export {
  RentalDeliveryV1,
  SHIPMENT_KINDS,
  SHIPMENT_STATUSES,
  ShipmentStatusV1,
  type ShipmentKind,
  type ShipmentStatus,
} from './events/fulfillment/shipment-status-v1.schema';
export { RentalAvailabilityV1 } from './events/fulfillment/rental-availability-v1.schema';
export { MessageOutcomeV1 } from './events/notifications/message-outcome-v1.schema';

// Test fixtures (valid envelopes for every event type)
export { fixtures } from './fixtures/all-events.fixture';
export {
  FIXTURE_IDS,
  type EventFixture,
  type FixtureEnvelopeOverrides,
} from './fixtures/fixture.factory';
