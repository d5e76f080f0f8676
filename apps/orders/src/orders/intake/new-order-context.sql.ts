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

/** The statement's own columns; the rest of a row are the card's. */
const CONTEXT_COLUMNS = new Set([
  'key_position', 'existing_order_id', 'promised_ship_minutes', 'products', 'tax_settings', 'tax_rates', 'payment_settings', 'payment_settings_updated_at',
]);

export async function readNewOrderContext(tx: SqlClient, keys: NewOrderKeys): Promise<NewOrderContext> {
  const [context] = await readNewOrderContexts(tx, [keys]);
  return context!;
}

/**
 * The contexts of several new orders (a batch of due cycles) in one statement, in the order of `keys`: what is the
 * same for every order (settings, products, rates) is read once, each order's context keeps only its own products
 * and its country's rates of their tax codes, as if read alone.
 */
export async function readNewOrderContexts(tx: SqlClient, keys: readonly NewOrderKeys[]): Promise<NewOrderContext[]> {
  if (keys.length === 0) return [];
  // Ids that are not uuids (an upstream's typo) cannot be in the read model; left out rather than failing the cast.
  const productIdsOf = (key: NewOrderKeys) => new Set(key.productIds.filter((id) => UUID.test(id)));
  const productIds = [...new Set(keys.flatMap((key) => [...productIdsOf(key)]))];
  const countries = [...new Set(keys.map((key) => key.countryCode).filter((code) => code !== null))];
  // A row per key: its own columns, and the card's (all null without a card) from the lateral join; the shared
  // columns on the first row only. Rates in id order: findRate takes the first that applies.
  const rows = await tx.$queryRaw<Row[]>`
    WITH shared AS (SELECT
      (SELECT coalesce(json_agg(json_build_object('productId', product_id, 'sku', sku, 'status', status, 'type', type,
          'prices', prices, 'costPrices', cost_prices, 'taxCode', tax_code)), '[]')
        FROM catalog_product WHERE product_id = ANY(${productIds}::uuid[])) AS products,
      (SELECT value FROM order_setting WHERE key = ${TAX_SETTINGS_KEY}) AS tax_settings,
      (SELECT coalesce(json_agg(json_build_object('taxCode', tax_code, 'countryCode', country_code, 'regionCode', region_code,
          'ratePpm', rate_ppm, 'validFrom', valid_from, 'validTo', valid_to) ORDER BY id), '[]')
        FROM tax_rate WHERE country_code = ANY(${countries}::text[])
          AND tax_code = ANY(ARRAY(SELECT tax_code FROM catalog_product WHERE product_id = ANY(${productIds}::uuid[])) || ${DEFAULT_TAX_CODE}::text)) AS tax_rates,
      (SELECT value FROM payment_setting WHERE key = ${PAYMENT_SETTINGS_KEY}) AS payment_settings,
      (SELECT updated_at FROM payment_setting WHERE key = ${PAYMENT_SETTINGS_KEY}) AS payment_settings_updated_at
    ), keyed AS (
      SELECT * FROM unnest(${keys.map((k) => k.cycleKey)}::text[], ${keys.map((k) => k.channel)}::text[], ${keys.map((k) => k.sourceRef)}::text[],
        ${keys.map((k) => k.customerId)}::text[], ${keys.map((k) => k.deliveryMode)}::text[])
        WITH ORDINALITY AS keyed(cycle_key, channel, source_ref, customer_id, delivery_mode, key_position)
    )
    SELECT keyed.key_position,
      coalesce((SELECT id::text FROM sales_order WHERE cycle_key = keyed.cycle_key),
        (SELECT id::text FROM sales_order WHERE channel = keyed.channel AND source_ref = keyed.source_ref)) AS existing_order_id,
      (SELECT promised_ship_minutes FROM delivery_mode WHERE code = keyed.delivery_mode) AS promised_ship_minutes,
      CASE WHEN keyed.key_position = 1 THEN shared.products END AS products,
      CASE WHEN keyed.key_position = 1 THEN shared.tax_settings END AS tax_settings,
      CASE WHEN keyed.key_position = 1 THEN shared.tax_rates END AS tax_rates,
      CASE WHEN keyed.key_position = 1 THEN shared.payment_settings END AS payment_settings,
      CASE WHEN keyed.key_position = 1 THEN shared.payment_settings_updated_at END AS payment_settings_updated_at,
      card.*
    FROM keyed CROSS JOIN shared
    LEFT JOIN LATERAL (SELECT * FROM payment_method WHERE customer_id = keyed.customer_id AND deleted_at IS NULL ORDER BY seq DESC LIMIT 1) AS card ON true
    ORDER BY keyed.key_position`;
  const first = rows[0]!;
  const products = new Map((first['products'] as Array<PricingProduct & { taxCode: string }>).map((product) => [product.productId, product]));
  const rates = first['tax_rates'] as TaxRateEntry[];
  const taxInclusiveCurrencies = taxSettingsOf(first['tax_settings'], null).taxInclusiveCurrencies;
  const paymentSettings = paymentSettingsOf(first['payment_settings'], first['payment_settings_updated_at'] as Date | null);
  return rows.map((row, i) => {
    const key = keys[i]!;
    const card = Object.fromEntries(Object.entries(row).filter(([column]) => !CONTEXT_COLUMNS.has(column)));
    const own = [...productIdsOf(key)].flatMap((id) => products.get(id) ?? []);
    const taxCodes = new Set([...own.map((product) => product.taxCode), DEFAULT_TAX_CODE]);
    return {
      existingOrderId: row['existing_order_id'] as string | null,
      products: new Map(own.map((product) => [product.productId, product])),
      taxInclusiveCurrencies,
      taxRates: rates.filter((rate) => key.countryCode !== null && rate.countryCode === key.countryCode && taxCodes.has(rate.taxCode)),
      paymentMethod: card['id'] === null ? null : toModel<PaymentMethod>(card),
      paymentSettings,
      promisedShipMinutes: row['promised_ship_minutes'] as number | null,
    };
  });
}
