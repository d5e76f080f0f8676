import type { Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CLOCK, ControllableClock, SystemClock } from './clock';

/** Wall-clock time, or a controllable clock when CLOCK_CONTROL is on (tests and demos). */
export const clockProvider: Provider = {
  provide: CLOCK,
  inject: [ConfigService],
  useFactory: (config: ConfigService) => (config.get<boolean>('CLOCK_CONTROL') ? new ControllableClock() : new SystemClock()),
};
