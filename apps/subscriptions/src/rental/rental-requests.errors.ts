import { fieldConflict, fieldRejected, notFound } from '@oms/service-runtime';

/** A rental request the subscription's state refuses (409), naming the field. */
export class RentalRequestConflict extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

/** A rental request that names something unusable (422), naming the field. */
export class RentalRequestRejected extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

export class SubscriptionNotFound extends Error {
  constructor(readonly id: string) {
    super(`subscription ${id} does not exist`);
  }
}

/** Maps the domain errors to HTTP at the controller. */
export async function mapRentalRequestErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RentalRequestConflict) throw fieldConflict(error.field, error.message);
    if (error instanceof RentalRequestRejected) throw fieldRejected(error.field, error.message);
    if (error instanceof SubscriptionNotFound) throw notFound('subscription', error.id);
    throw error;
  }
}
