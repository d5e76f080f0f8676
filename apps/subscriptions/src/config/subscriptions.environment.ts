import { BaseEnvironment } from '@oms/service-runtime';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, Max, Min } from 'class-validator';

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** The subscriptions service's variables. */
export class SubscriptionsEnvironment extends BaseEnvironment {
  /** How often the subscription-order job runs by itself; 0 turns the timer off (manual runs only). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  SCHEDULER_INTERVAL_MS: number = 60000;

  /** Subscriptions claimed per transaction by the job. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10000)
  JOB_BATCH_SIZE: number = 500;

  /**
   * Batches a job run keeps in flight at once, each on its own connection, over disjoint parts of the due subscriptions.
   * More lanes than cores: while one lane waits for PostgreSQL another plans or writes (bench:job on 2 cores: 2 lanes
   * 8,724-9,634/s, 4 lanes 9,912-10,270/s, back to back).
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(8)
  JOB_PARALLEL_BATCHES: number = 4;

  /** ShareFox default: a rental subscription without end date or max cycles ends this many days after its start. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  RENTAL_DEFAULT_END_DAYS: number = 365;

  /** Initial state of the "subscription orders" switch, used until someone sets it over HTTP. */
  @Transform(toBoolean)
  @IsBoolean()
  SUBSCRIPTION_ORDERS_ENABLED: boolean = true;
}
