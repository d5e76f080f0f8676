import { BaseEnvironment } from '@oms/service-runtime';
import { Type } from 'class-transformer';
import { IsInt, Min } from 'class-validator';

/** The fulfillment service's variables. */
export class FulfillmentEnvironment extends BaseEnvironment {
  /**
   * How often every pending backorder is retried by itself, as a safety net:
   * stock changes retry the backorders of their SKU right away, but a crash
   * between the change and that retry would otherwise leave them waiting for
   * the next change. 0 turns the sweep off.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  BACKORDER_SWEEP_INTERVAL_MS: number = 60000;
}
