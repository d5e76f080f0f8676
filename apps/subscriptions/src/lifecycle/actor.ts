import type { ActorV1 } from '@oms/contracts';

/** Who asks for a change: the token's subject and role. */
export type Actor = ActorV1;

/** The job's own transitions (a scheduled pause starting, an auto-resume, a period-end cancel taking effect). */
export const SCHEDULER_ACTOR: Actor = { sub: 'scheduler', role: 'system' };
