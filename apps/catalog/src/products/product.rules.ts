import { sameFrequency, type FrequencyV1 } from '@oms/contracts';
import { fieldRejected } from '@oms/service-runtime';

interface ProductShape {
  subscribable: boolean;
  allowedFrequencies: FrequencyV1[];
  prices: { currency: string }[];
}

/**
 * Rules that span fields, checked on the product as it would be saved (after
 * an update is merged), so an update cannot leave a product inconsistent.
 */
export function assertProductConsistent(product: ProductShape): void {
  const { allowedFrequencies, prices } = product;
  const duplicate = allowedFrequencies.findIndex((f, i) => allowedFrequencies.findIndex((g) => sameFrequency(f, g)) !== i);
  if (duplicate >= 0) throw fieldRejected(`allowedFrequencies.${duplicate}`, 'the same frequency is listed twice');
  const currencies = prices.map((price) => price.currency);
  const twice = currencies.findIndex((currency, i) => currencies.indexOf(currency) !== i);
  if (twice >= 0) throw fieldRejected(`prices.${twice}.currency`, `currency ${currencies[twice]} is priced twice`);
  if (product.subscribable && allowedFrequencies.length === 0) {
    throw fieldRejected('allowedFrequencies', 'a subscribable product needs at least one allowed frequency');
  }
  if (product.subscribable && prices.length === 0) {
    throw fieldRejected('prices', 'a subscribable product needs a subscription price in at least one currency');
  }
}
