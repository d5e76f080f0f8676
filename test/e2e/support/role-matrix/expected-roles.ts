import type { Role } from '@oms/auth';
import type { ServiceName } from '@oms/local-infra';

/** An operation anyone may call without a token. */
export const PUBLIC = 'public';

/** `<METHOD> <OpenAPI path>` → the roles that may call it (admin always listed), or PUBLIC. */
export type RoleTable = Record<string, readonly Role[] | typeof PUBLIC>;

const EVERY: readonly Role[] = ['customer', 'channel', 'csr', 'ops', 'admin'];
const HEALTH: RoleTable = { 'GET /health/live': PUBLIC, 'GET /health/ready': PUBLIC };

/**
 * Who may call what: the role table applied to every route, written
 * out by hand so that it is checked against the guard, not derived from it.
 * The role-matrix test fails for an operation of an OpenAPI document missing
 * here (a new route must be added on purpose) and for an entry no document has.
 * The README's "Who may do what" table is rendered from this one.
 *
 * Scoping is not in this table: a customer reaching a subscriptions, orders,
 * fulfillment or notifications route sees only their own records, and a channel
 * only the subscriptions and orders it created (others answer 404), which the
 * same test checks with two customers' and two channels' records.
 */
export const EXPECTED_ROLES: Record<ServiceName, RoleTable> = {
  catalog: {
    ...HEALTH,
    'POST /products': ['admin'],
    'GET /products': EVERY,
    'GET /products/{id}': EVERY,
    'PATCH /products/{id}': ['admin'],
    'POST /products/{id}/retire': ['admin'],
  },
  subscriptions: {
    ...HEALTH,
    'POST /subscriptions': ['customer', 'channel', 'csr', 'admin'],
    'GET /subscriptions': EVERY,
    'GET /subscriptions/{id}': EVERY,
    'GET /subscriptions/{id}/schedule': EVERY,
    'GET /subscriptions/{id}/cycles': EVERY,
    'POST /subscriptions/{id}/pause': ['customer', 'channel', 'csr', 'admin'],
    'POST /subscriptions/{id}/resume': ['customer', 'channel', 'csr', 'admin'],
    'POST /subscriptions/{id}/cycles/{n}/skip': ['customer', 'channel', 'csr', 'admin'],
    'DELETE /subscriptions/{id}/cycles/{n}/skip': ['customer', 'channel', 'csr', 'admin'],
    'POST /subscriptions/{id}/cycles/{n}/reschedule': ['customer', 'channel', 'csr', 'admin'],
    'PATCH /subscriptions/{id}': ['customer', 'channel', 'csr', 'admin'],
    'POST /subscriptions/{id}/cancel': ['customer', 'channel', 'csr', 'admin'],
    'POST /subscriptions/{id}/reactivate': ['customer', 'channel', 'csr', 'admin'],
    'GET /subscriptions/{id}/history': EVERY,
    'GET /subscriptions/{id}/upcoming': EVERY,
    'POST /subscriptions/{id}/swap-requests': ['customer', 'channel', 'csr', 'admin'],
    'POST /subscriptions/{id}/end-request': ['customer', 'channel', 'csr', 'admin'],
    'PUT /subscriptions/{id}/assumed-return-date': ['csr', 'ops', 'admin'],
    'POST /jobs/subscription-orders/runs': ['ops', 'admin'],
    'GET /jobs/subscription-orders/runs': ['ops', 'admin'],
    'GET /jobs/subscription-orders/runs/{id}': ['ops', 'admin'],
    'POST /jobs/subscription-orders/runs/{id}/rerun': ['ops', 'admin'],
    'GET /settings/subscription-orders': ['csr', 'ops', 'admin'],
    'PUT /settings/subscription-orders': ['admin'],
    'GET /settings/rental': ['csr', 'ops', 'admin'],
    'PUT /settings/rental': ['admin'],
    'POST /continuity-programs': ['admin'],
    'GET /continuity-programs': EVERY,
    'GET /continuity-programs/{id}': EVERY,
    'PATCH /continuity-programs/{id}': ['admin'],
    'GET /continuity-programs/{id}/changes': ['csr', 'ops', 'admin'],
    'POST /continuity-programs/{id}/enrolments': ['customer', 'channel', 'csr', 'admin'],
  },
  orders: {
    ...HEALTH,
    'POST /orders': ['customer', 'channel', 'csr', 'admin'],
    'GET /orders': EVERY,
    'GET /orders/{id}': EVERY,
    'POST /orders/{id}/hold': ['csr', 'admin'],
    'POST /orders/{id}/release-hold': ['csr', 'admin'],
    'POST /orders/{id}/cancel': ['customer', 'csr', 'admin'],
    'POST /orders/{id}/close': ['ops', 'admin'],
    'GET /delivery-modes': ['csr', 'ops', 'admin'],
    'POST /delivery-modes': ['admin'],
    'PATCH /delivery-modes/{code}': ['admin'],
    'GET /settings/late-orders': ['csr', 'ops', 'admin'],
    'PUT /settings/late-orders': ['admin'],
    'POST /jobs/late-orders/runs': ['ops', 'admin'],
    'GET /orders/{id}/holds': ['csr', 'ops', 'admin'],
    'POST /orders/{id}/holds': ['csr', 'admin'],
    'POST /orders/{id}/holds/{holdId}/clear': ['csr', 'admin'],
    'GET /orders/{id}/fraud-evaluations': ['csr', 'ops', 'admin'],
    'GET /customers/{customerId}/orders': EVERY,
    'GET /settings/fraud-rules': ['csr', 'ops', 'admin'],
    'PUT /settings/fraud-rules': ['admin'],
    'GET /settings/fraud-rules/changes': ['csr', 'ops', 'admin'],
    'POST /orders/quote': ['customer', 'channel', 'csr', 'admin'],
    'GET /settings/call-center': ['csr', 'ops', 'admin'],
    'PUT /settings/call-center': ['admin'],
    'GET /settings/call-center/changes': ['csr', 'ops', 'admin'],
    'POST /source-codes': ['admin'],
    'GET /source-codes': ['channel', 'csr', 'ops', 'admin'],
    'GET /source-codes/{code}': ['channel', 'csr', 'ops', 'admin'],
    'PATCH /source-codes/{code}': ['admin'],
    'GET /tax-rates': ['channel', 'csr', 'ops', 'admin'],
    'POST /tax-rates': ['admin'],
    'GET /tax-rates/{id}': ['channel', 'csr', 'ops', 'admin'],
    'PATCH /tax-rates/{id}': ['admin'],
    'GET /settings/tax': ['channel', 'csr', 'ops', 'admin'],
    'PUT /settings/tax': ['admin'],
    'POST /customers/{customerId}/payment-methods': ['customer', 'channel', 'csr', 'admin'],
    'GET /customers/{customerId}/payment-methods': EVERY,
    'DELETE /customers/{customerId}/payment-methods/{paymentMethodId}': ['customer', 'channel', 'csr', 'admin'],
    'GET /orders/{id}/payments': EVERY,
    'POST /orders/{id}/payments/authorize': ['customer', 'csr', 'admin'],
    'POST /orders/{id}/refunds': ['csr', 'admin'],
    'GET /payments/dunning': ['csr', 'ops', 'admin'],
    'POST /payments/dunning/run': ['ops', 'admin'],
    'GET /settings/payments': ['csr', 'ops', 'admin'],
    'PUT /settings/payments': ['admin'],
    'GET /settings/payments/changes': ['admin'],
  },
  fulfillment: {
    ...HEALTH,
    'POST /warehouses': ['ops', 'admin'],
    'GET /warehouses': ['ops', 'admin'],
    'GET /warehouses/{code}': ['ops', 'admin'],
    'PUT /warehouses/{code}/stock/{sku}': ['ops', 'admin'],
    'POST /warehouses/{code}/stock/{sku}/adjustments': ['ops', 'admin'],
    'GET /stock': ['ops', 'admin'],
    'GET /reservations': ['csr', 'ops', 'admin'],
    'GET /releases': ['csr', 'ops', 'admin'],
    'GET /backorders': ['csr', 'ops', 'admin'],
    'POST /shipments': ['ops', 'admin'],
    'GET /shipments': ['customer', 'csr', 'ops', 'admin'],
    'GET /shipments/{id}': ['customer', 'csr', 'ops', 'admin'],
    'PATCH /shipments/{id}': ['ops', 'admin'],
    'GET /shipments/{id}/history': ['customer', 'csr', 'ops', 'admin'],
    'POST /rental-units': ['ops', 'admin'],
    'GET /rental-units': ['ops', 'admin'],
    'GET /rental-units/summary': ['ops', 'admin'],
    'GET /rental-units/{id}': ['ops', 'admin'],
    'POST /rental-units/{id}/retire': ['ops', 'admin'],
    'POST /rental-units/{id}/repair': ['ops', 'admin'],
    'POST /rental-units/{id}/repaired': ['ops', 'admin'],
    'GET /rental-holds': ['csr', 'ops', 'admin'],
    'PUT /rental-holds/{id}/unit': ['ops', 'admin'],
  },
  notifications: {
    ...HEALTH,
    'GET /messages': ['customer', 'csr', 'ops', 'admin'],
    'GET /messages/{id}': ['customer', 'csr', 'ops', 'admin'],
    'GET /settings/notifications': ['ops', 'admin'],
    'PUT /settings/notifications': ['ops', 'admin'],
  },
};

/**
 * Routes every service has but its OpenAPI document hides: the business clock
 * of tests and demos (on only with CLOCK_CONTROL, as in the e2e system), admin only.
 */
export const UNDOCUMENTED: RoleTable = {
  'GET /testing/clock': ['admin'],
  'PUT /testing/clock': ['admin'],
};
