import { BaseEnvironment } from '@oms/service-runtime';
import { Type } from 'class-transformer';
import { IsIn, IsInt, Max, Min } from 'class-validator';

/** The orders service's variables: the shared ones, plus its own. */
export class OrdersEnvironment extends BaseEnvironment {
  /** How often the late-order watchdog runs by itself; 0 turns the timer off (POST /jobs/late-orders/runs only). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(86_400_000)
  LATE_ORDER_WATCHDOG_INTERVAL_MS: number = 60000;

  /** Orders claimed per transaction by the watchdog. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10000)
  LATE_ORDER_BATCH_SIZE: number = 200;

  /** How often due dunning retries are tried; 0 turns the loop off (tests run it by hand: POST /payments/dunning/run). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  DUNNING_INTERVAL_MS: number = 60000;

  /** The payment provider: only the embedded test provider ships (see the README on plugging in a real one). */
  @IsIn(['test'], { message: 'PAYMENT_PROVIDER must be test (the embedded provider; a real one is bound in code, see the README)' })
  PAYMENT_PROVIDER = 'test' as const;
}
