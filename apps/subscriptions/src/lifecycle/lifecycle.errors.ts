// Domain errors of subscription actions. The controller maps them to HTTP
// (lifecycle-errors.filter.ts); nothing here knows about HTTP.

/** The subscription does not exist (or is not the caller's). */
export class SubscriptionNotFoundError extends Error {
  constructor(readonly subscriptionId: string) {
    super(`subscription ${subscriptionId} does not exist`);
  }
}

/** The action does not fit the subscription's (or the cycle's) state; the message names the state. */
export class ActionConflictError extends Error {
  constructor(
    readonly state: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Well-formed input that breaks a rule, naming the field. */
export class ActionRejectedError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** 409 for an action on a subscription in a state it does not fit, e.g. "resume" on an active one. */
export function stateConflict(status: string, action: string): ActionConflictError {
  return new ActionConflictError(status, `cannot ${action} a subscription that is ${status}`);
}
