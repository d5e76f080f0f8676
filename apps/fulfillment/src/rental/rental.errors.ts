import { fieldConflict, notFound } from '@oms/service-runtime';

/** A rental rule refused the change (409 at the HTTP edge), naming the field at fault. */
export class RentalConflictError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

export class RentalNotFoundError extends Error {
  constructor(readonly what: string, readonly id: string) {
    super(`${what} ${id} does not exist`);
  }
}

/** Maps rental domain errors to HTTP at the controller; anything else passes unchanged. */
export function rentalHttpError(error: unknown): unknown {
  if (error instanceof RentalConflictError) return fieldConflict(error.field, error.message);
  if (error instanceof RentalNotFoundError) return notFound(error.what, error.id);
  return error;
}

/** Runs a command and maps its domain errors for the controller. */
export async function mapRentalErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw rentalHttpError(error);
  }
}
