import { sameFrequency, type FrequencyV1 } from '@oms/contracts';
import { fieldRejected } from '@oms/service-runtime';

interface ProductShape {
  subscribable: boolean;
  allowedFrequencies: FrequencyV1[];
  prices: { currency: string }[];
  costPrices?: { currency: string }[];
}

/**
 * Rules that span fields, checked on the product as it would be saved (after
 * an update is merged), so an update cannot leave a product inconsistent.
 */
export function assertProductConsistent(product: ProductShape): void {
  const { allowedFrequencies, prices } = product;
  const duplicate = allowedFrequencies.findIndex((f, i) => allowedFrequencies.findIndex((g) => sameFrequency(f, g)) !== i);
  if (duplicate >= 0) throw fieldRejected(`allowedFrequencies.${duplicate}`, 'the same frequency is listed twice');
  assertOnePerCurrency('prices', prices, 'is priced twice');
  assertOnePerCurrency('costPrices', product.costPrices ?? [], 'has two cost prices');
  if (product.subscribable && allowedFrequencies.length === 0) {
    throw fieldRejected('allowedFrequencies', 'a subscribable product needs at least one allowed frequency');
  }
  if (product.subscribable && prices.length === 0) {
    throw fieldRejected('prices', 'a subscribable product needs a subscription price in at least one currency');
  }
}

function assertOnePerCurrency(field: string, amounts: { currency: string }[], says: string): void {
  const currencies = amounts.map((amount) => amount.currency);
  const twice = currencies.findIndex((currency, i) => currencies.indexOf(currency) !== i);
  if (twice >= 0) throw fieldRejected(`${field}.${twice}.currency`, `currency ${currencies[twice]} ${says}`);
}
