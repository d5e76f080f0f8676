/** A realistic demo catalog: consumables on subscription plus rentals (ShareFox-style). */
const monthly = { unit: 'month', interval: 1 };
const quarterly = { unit: 'month', interval: 3 };
const yearly = { unit: 'year', interval: 1 };
const weekly = { unit: 'week', interval: 1 };
const fortnightly = { unit: 'week', interval: 2 };
const price = (eur: number, usd: number, gbp: number) => [
  { currency: 'EUR', amountMinor: eur },
  { currency: 'USD', amountMinor: usd },
  { currency: 'GBP', amountMinor: gbp },
];

export const DEMO_PRODUCTS = [
  { sku: 'COFFEE-BEANS-1KG', name: 'Organic coffee beans 1 kg', type: 'goods', allowedFrequencies: [fortnightly, monthly, quarterly], prices: price(2199, 2399, 1899) },
  { sku: 'TEA-EARL-GREY-250', name: 'Earl Grey loose tea 250 g', type: 'goods', allowedFrequencies: [monthly, quarterly], prices: price(899, 999, 799) },
  { sku: 'RAZOR-BLADES-8', name: 'Razor blade refills, pack of 8', type: 'goods', allowedFrequencies: [monthly, { unit: 'month', interval: 2 }, quarterly], prices: price(1499, 1599, 1299) },
  { sku: 'DOG-FOOD-12KG', name: 'Grain-free dog food 12 kg', type: 'goods', allowedFrequencies: [weekly, fortnightly, monthly], prices: price(5499, 5999, 4799) },
  { sku: 'VITAMIN-D-90', name: 'Vitamin D3, 90 capsules', type: 'goods', allowedFrequencies: [quarterly, yearly], prices: price(1299, 1399, 1099) },
  { sku: 'CONTACT-LENS-30', name: 'Daily contact lenses, 30 pairs', type: 'goods', allowedFrequencies: [monthly, quarterly], prices: price(2499, 2699, 2199) },
  { sku: 'WATER-FILTER-3', name: 'Water filter cartridges, 3 pack', type: 'goods', allowedFrequencies: [quarterly, { unit: 'month', interval: 6 }, yearly], prices: price(2999, 3299, 2599) },
  { sku: 'ANTIVIRUS-LICENSE', name: 'Antivirus licence, 3 devices', type: 'goods', allowedFrequencies: [monthly, yearly], prices: price(499, 549, 449) },
  { sku: 'EBIKE-CITY-RENTAL', name: 'City e-bike (rental)', type: 'rental', allowedFrequencies: [monthly], prices: price(8900, 9900, 7900) },
  { sku: 'BABY-STROLLER-RENTAL', name: 'Baby stroller (rental, swappable)', type: 'rental', allowedFrequencies: [monthly, quarterly], prices: price(3900, 4300, 3400) },
  { sku: 'GIFT-CARD-50', name: 'Gift card 50 (not subscribable)', type: 'goods', subscribable: false, allowedFrequencies: [], prices: price(5000, 5000, 5000) },
];
