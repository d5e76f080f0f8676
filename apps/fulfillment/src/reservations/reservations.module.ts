import { Module } from '@nestjs/common';
import { OrderHoldsModule } from '../order-holds/order-holds.module';
import { RentalModule } from '../rental/rental.module';
import { BackorderRetryService } from '../backorders/backorder-retry.service';
import { BackorderSweeper } from '../backorders/backorder.sweeper';
import { BackordersHttpController } from '../backorders/backorders.http.controller';
import { OrderCancellation } from './order-cancellation.service';
import { OrderEventsConsumer } from './order-events.consumer';
import { ReservationWriter } from './reservation.writer';
import { ReservationsHttpController } from './reservations.http.controller';

/** Reservations, releases and backorders: all driven by order events and by stock arriving. */
@Module({
  imports: [RentalModule, OrderHoldsModule],
  controllers: [ReservationsHttpController, BackordersHttpController],
  providers: [ReservationWriter, OrderCancellation, OrderEventsConsumer, BackorderRetryService, BackorderSweeper],
  exports: [BackorderRetryService],
})
export class ReservationsModule {}
