import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PaymentTimeoutError, type AuthorizeRequest, type PaymentProvider, type ProviderOutcome, type SettleRequest } from './payment-provider';

/** The test tokens and what each does; README and OpenAPI list them from here. */
export const TEST_TOKENS = {
  tok_approve: 'approves every authorization',
  tok_decline_insufficient_funds: 'declines every authorization: insufficient funds',
  'tok_decline_first_<N>': "declines an order's first N authorization attempts (insufficient funds), then approves (e.g. tok_decline_first_2)",
  tok_decline_fraud: 'declines every authorization as suspected fraud',
  tok_timeout: 'never answers: every authorization times out',
} as const;

/** A token's optional suffix after `__` (e.g. tok_approve__ann) is ignored, so tests can tell methods apart. */
const TOKEN = /^(tok_approve|tok_decline_insufficient_funds|tok_decline_first_(\d{1,2})|tok_decline_fraud|tok_timeout)(?:__[A-Za-z0-9_-]{1,40})?$/;

export const TEST_TOKEN_DESCRIPTION = `Embedded test provider tokens: ${Object.entries(TEST_TOKENS).map(([token, does]) => `${token} ${does}`).join('; ')}. Any other token is declined as card-declined.`;

/**
 * The embedded provider (local and test default): outcomes follow the token,
 * deterministically and without state, so every path can be tested end to end
 * and several replicas agree. References derive from the idempotency key, so a
 * repeated call answers the same reference, as a real provider's idempotency does.
 */
@Injectable()
export class TestPaymentProvider implements PaymentProvider {
  async authorize(request: AuthorizeRequest): Promise<ProviderOutcome> {
    const match = TOKEN.exec(request.token);
    const kind = match?.[1];
    if (kind === undefined) return declined('card-declined', 'the card was declined');
    if (kind === 'tok_timeout') throw new PaymentTimeoutError('authorization');
    if (kind === 'tok_decline_insufficient_funds') return declined('insufficient-funds', 'insufficient funds');
    if (kind === 'tok_decline_fraud') return declined('suspected-fraud', 'declined as suspected fraud');
    if (match?.[2] !== undefined && request.attempt <= Number(match[2])) return declined('insufficient-funds', `insufficient funds (attempt ${request.attempt})`);
    return approved('auth', request.idempotencyKey);
  }

  async capture(request: SettleRequest): Promise<ProviderOutcome> {
    return this.settle('capture', request.reference, request.idempotencyKey);
  }

  async void(request: Omit<SettleRequest, 'amountMinor' | 'currency'>): Promise<ProviderOutcome> {
    return this.settle('void', request.reference, request.idempotencyKey);
  }

  async refund(request: SettleRequest): Promise<ProviderOutcome> {
    return this.settle('refund', request.reference, request.idempotencyKey);
  }

  private settle(kind: string, reference: string, key: string): ProviderOutcome {
    if (!reference.startsWith('tp_auth_')) return declined('provider-error', `unknown authorization ${reference}`);
    return approved(kind, key);
  }
}

function approved(kind: string, key: string): ProviderOutcome {
  return { approved: true, reference: `tp_${kind}_${createHash('sha256').update(key).digest('hex').slice(0, 24)}` };
}

function declined(code: Extract<ProviderOutcome, { approved: false }>['code'], message: string): ProviderOutcome {
  return { approved: false, code, message };
}
