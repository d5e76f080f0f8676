import { Module } from '@nestjs/common';
import { ShipmentsModule } from '../shipments/shipments.module';
import { RentalHoldsService } from './rental-holds.service';
import { RentalHoldsWriter } from './rental-holds.writer';
import { RentalHttpController } from './rental.http.controller';
import { RentalUnitsService } from './rental-units.service';
import { SubscriptionEventsConsumer } from './subscription-events.consumer';

/** Rental units, their long-term reservations and the automatic rental moves. */
@Module({
  imports: [ShipmentsModule],
  controllers: [RentalHttpController],
  providers: [RentalUnitsService, RentalHoldsService, RentalHoldsWriter, SubscriptionEventsConsumer],
  exports: [RentalHoldsWriter],
})
export class RentalModule {}
