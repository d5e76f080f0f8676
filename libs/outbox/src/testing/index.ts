// Public API of @oms/outbox/testing: helpers for the integration tests of consumers built on @oms/outbox.
export { applyBatchAndOneByOne, consumedAt, type BatchForms, type BatchScenario } from './batch-comparison';
