import type { FraudRuleHitV1, ShipToV1 } from '@oms/contracts';

/** An amount per currency: an order in a currency not listed never fires the rule. */
export interface AmountLimit {
  currency: string;
  amountMinor: number;
}

/**
 * The fraud rules in force. Each rule adds its score when it fires; a total
 * at or above `threshold` places a fraud hold. A rule left out is off; with
 * every rule off nothing is evaluated (and nothing recorded).
 */
export interface FraudRules {
  threshold: number;
  /** The order total is above the limit of its currency. */
  orderTotalAbove?: { score: number; limits: AmountLimit[] };
  /** This order makes more than maxOrders orders of the customer in 24 hours. */
  ordersPerCustomer24h?: { score: number; maxOrders: number };
  /** The ship-to country differs from the billing country (both given). */
  countryMismatch?: { score: number };
  /** A customer with no earlier order orders above the limit of the currency. */
  newCustomerTotalAbove?: { score: number; limits: AmountLimit[] };
  /** The customer's email is listed (case-insensitive); an entry `@example.com` lists a whole domain. */
  blockedEmails?: { score: number; emails: string[] };
  /** The ship-to or billing postcode is listed (case and spaces ignored). */
  blockedPostcodes?: { score: number; postcodes: string[] };
}

export const RULE_NAMES = ['orderTotalAbove', 'ordersPerCustomer24h', 'countryMismatch', 'newCustomerTotalAbove', 'blockedEmails', 'blockedPostcodes'] as const;

/** No rule: orders are not evaluated until an admin sets some. */
export const DEFAULT_FRAUD_RULES: FraudRules = { threshold: 100 };

/** What the rules look at: the order being placed and the customer's earlier orders. */
export interface OrderFacts {
  customerEmail: string | null;
  currency: string;
  totalMinor: number;
  shipTo: Pick<ShipToV1, 'countryCode' | 'postcode'> | null;
  billTo: Pick<ShipToV1, 'countryCode' | 'postcode'> | null;
  /** The customer's orders placed in the 24 hours before this one. */
  ordersLast24h: number;
  /** The customer's orders placed before this one, ever (0: a new customer). */
  earlierOrders: number;
}

export function hasRules(rules: FraudRules): boolean {
  return RULE_NAMES.some((name) => rules[name] !== undefined);
}

/** Postcodes compare without case and spaces: "1015 cj" is "1015CJ". */
export function postcodeKey(postcode: string): string {
  return postcode.replace(/\s+/g, '').toUpperCase();
}

/** Every rule that fires for the order, with its score and what it saw; the score is their sum. */
export function evaluateFraud(rules: FraudRules, order: OrderFacts): { score: number; firedRules: FraudRuleHitV1[] } {
  const hits: FraudRuleHitV1[] = [];
  const fire = (rule: string, score: number, detail: string) => hits.push({ rule, score, detail });
  const limitOf = (limits: AmountLimit[]) => limits.find((l) => l.currency === order.currency)?.amountMinor;

  const total = limitOf(rules.orderTotalAbove?.limits ?? []);
  if (rules.orderTotalAbove && total !== undefined && order.totalMinor > total) {
    fire('orderTotalAbove', rules.orderTotalAbove.score, `total ${order.totalMinor} ${order.currency} is above ${total}`);
  }
  const velocity = rules.ordersPerCustomer24h;
  if (velocity && order.ordersLast24h + 1 > velocity.maxOrders) {
    fire('ordersPerCustomer24h', velocity.score, `${order.ordersLast24h + 1} orders in 24 hours, more than ${velocity.maxOrders}`);
  }
  if (rules.countryMismatch && order.shipTo && order.billTo && order.shipTo.countryCode !== order.billTo.countryCode) {
    fire('countryMismatch', rules.countryMismatch.score, `ships to ${order.shipTo.countryCode}, billed in ${order.billTo.countryCode}`);
  }
  const newLimit = limitOf(rules.newCustomerTotalAbove?.limits ?? []);
  if (rules.newCustomerTotalAbove && order.earlierOrders === 0 && newLimit !== undefined && order.totalMinor > newLimit) {
    fire('newCustomerTotalAbove', rules.newCustomerTotalAbove.score, `first order of the customer, ${order.totalMinor} ${order.currency} is above ${newLimit}`);
  }
  const email = order.customerEmail?.toLowerCase();
  const blockedEmail = email && rules.blockedEmails?.emails.find((entry) => matchesEmail(email, entry.toLowerCase()));
  if (rules.blockedEmails && blockedEmail) fire('blockedEmails', rules.blockedEmails.score, `email ${order.customerEmail} is blocked (${blockedEmail})`);
  const blocked = new Set((rules.blockedPostcodes?.postcodes ?? []).map(postcodeKey));
  const postcode = [order.shipTo?.postcode, order.billTo?.postcode].find((p) => p !== undefined && blocked.has(postcodeKey(p)));
  if (rules.blockedPostcodes && postcode) fire('blockedPostcodes', rules.blockedPostcodes.score, `postcode ${postcode} is blocked`);

  return { score: hits.reduce((sum, hit) => sum + hit.score, 0), firedRules: hits };
}

function matchesEmail(email: string, entry: string): boolean {
  return entry.startsWith('@') ? email.endsWith(entry) : email === entry;
}
