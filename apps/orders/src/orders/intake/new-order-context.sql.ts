import { DEFAULT_TAX_CODE } from '@oms/contracts';
import type { SqlClient } from '@oms/outbox';
import type { PaymentMethod } from '../../generated/prisma/client';
import { PAYMENT_SETTINGS_KEY, paymentSettingsOf, type PaymentSettings } from '../../payments/settings/payment-settings.service';
import type { TaxRateEntry } from '../../tax/tax-calculation';
import { TAX_SETTINGS_KEY, taxSettingsOf } from '../../tax/tax-settings.service';
import { toModel } from '../status/order-rows.sql';
import type { PricingProduct } from './line-pricing';

/**
 * Everything a new order is decided from, read in one statement: every due
 * cycle creates an order, and reading these through Prisma took seven queries
 * per order (the order of the cycle, products, tax setting, tax codes, rates,
 * card, payment setting, delivery mode), which were most of the orders
 * service's statements and much of its CPU. Settings are read here, in the
 * order's transaction, never cached: a change applies to the next order.
 */

/** What identifies the order to be and what its context depends on. */
export interface NewOrderKeys {
  cycleKey: string | null;
  channel: string;
  sourceRef: string | null;
  customerId: string;
  /** The ship-to's country: the tax rates read are that country's; null reads none (no ship-to, no tax). */
  countryCode: string | null;
  deliveryMode: string;
  productIds: string[];
}

export interface NewOrderContext {
  /** The order that already has this cycle key or (channel, source ref): a second event for it creates nothing. */
  existingOrderId: string | null;
  /** The requested products in the catalog read model, by id, with their tax codes. */
  products: ReadonlyMap<string, PricingProduct & { taxCode: string }>;
  taxInclusiveCurrencies: string[];
  /** The country's rates of the products' tax codes (and the default code, for products not in the read model). */
  taxRates: TaxRateEntry[];
  /** The customer's newest active card; null pays on account. */
  paymentMethod: PaymentMethod | null;
  paymentSettings: PaymentSettings;
  /** The delivery mode's promised ship time; null when the mode is unknown. */
  promisedShipMinutes: number | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Row = Record<string, unknown>;

export async function readNewOrderContext(tx: SqlClient, keys: NewOrderKeys): Promise<NewOrderContext> {
  // Ids that are not uuids (an upstream's typo) cannot be in the read model; left out rather than failing the cast.
  const productIds = [...new Set(keys.productIds.filter((id) => UUID.test(id)))];
  // One row: the context's columns, and the card's columns (all null without a card) from the lateral join.
  const [row] = await tx.$queryRaw<Row[]>`
    SELECT context.*, card.* FROM (SELECT
      coalesce((SELECT id::text FROM sales_order WHERE cycle_key = ${keys.cycleKey}::text),
        (SELECT id::text FROM sales_order WHERE channel = ${keys.channel} AND source_ref = ${keys.sourceRef}::text)) AS existing_order_id,
      (SELECT coalesce(json_agg(json_build_object('productId', product_id, 'sku', sku, 'status', status, 'type', type,
          'prices', prices, 'costPrices', cost_prices, 'taxCode', tax_code)), '[]')
        FROM catalog_product WHERE product_id = ANY(${productIds}::uuid[])) AS products,
      (SELECT value FROM order_setting WHERE key = ${TAX_SETTINGS_KEY}) AS tax_settings,
      (SELECT coalesce(json_agg(json_build_object('taxCode', tax_code, 'countryCode', country_code, 'regionCode', region_code,
          'ratePpm', rate_ppm, 'validFrom', valid_from, 'validTo', valid_to)), '[]')
        FROM tax_rate WHERE country_code = ${keys.countryCode}::text
          AND tax_code = ANY(ARRAY(SELECT tax_code FROM catalog_product WHERE product_id = ANY(${productIds}::uuid[])) || ${DEFAULT_TAX_CODE}::text)) AS tax_rates,
      (SELECT value FROM payment_setting WHERE key = ${PAYMENT_SETTINGS_KEY}) AS payment_settings,
      (SELECT updated_at FROM payment_setting WHERE key = ${PAYMENT_SETTINGS_KEY}) AS payment_settings_updated_at,
      (SELECT promised_ship_minutes FROM delivery_mode WHERE code = ${keys.deliveryMode}) AS promised_ship_minutes
    ) AS context
    LEFT JOIN LATERAL (SELECT * FROM payment_method WHERE customer_id = ${keys.customerId} AND deleted_at IS NULL ORDER BY seq DESC LIMIT 1) AS card ON true`;
  const {
    existing_order_id: existingOrderId, products, tax_settings: taxSettings, tax_rates: taxRates,
    payment_settings: paymentSettings, payment_settings_updated_at: paymentSettingsUpdatedAt, promised_ship_minutes: promisedShipMinutes, ...card
  } = row!;
  const productList = products as Array<PricingProduct & { taxCode: string }>;
  return {
    existingOrderId: existingOrderId as string | null,
    products: new Map(productList.map((product) => [product.productId, product])),
    taxInclusiveCurrencies: taxSettingsOf(taxSettings, null).taxInclusiveCurrencies,
    taxRates: taxRates as TaxRateEntry[],
    paymentMethod: card['id'] === null ? null : toModel<PaymentMethod>(card),
    paymentSettings: paymentSettingsOf(paymentSettings, paymentSettingsUpdatedAt as Date | null),
    promisedShipMinutes: promisedShipMinutes as number | null,
  };
}
