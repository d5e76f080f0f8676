import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module';
import { LateOrderSettingsService } from './late-order-settings.service';
import { LateOrderSteps } from './late-order-steps.service';
import { LateOrderScheduler } from './late-order.scheduler';
import { LateOrderWatchdog } from './late-order.watchdog';
import { LateOrderRunsHttpController, LateOrderSettingsHttpController } from './late-orders.http.controller';

@Module({
  imports: [OrdersModule],
  controllers: [LateOrderSettingsHttpController, LateOrderRunsHttpController],
  providers: [LateOrderSettingsService, LateOrderSteps, LateOrderWatchdog, LateOrderScheduler],
})
export class LateOrdersModule {}
