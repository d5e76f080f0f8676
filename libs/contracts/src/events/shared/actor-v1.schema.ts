import { IsNonEmptyString } from '../../validation/contract.decorators';

/** Who made a change: the token's subject and role, or `system` for the scheduler's own transitions. */
export class ActorV1 {
  /** The token's `sub` (a customerId for customers), or `system` / `scheduler` for automatic changes. */
  @IsNonEmptyString()
  sub: string;

  /** customer | channel | csr | ops | admin, or `system`. */
  @IsNonEmptyString()
  role: string;
}
