import { Module } from '@nestjs/common';
import { RentalHoldsService } from './rental-holds.service';
import { RentalHoldsWriter } from './rental-holds.writer';
import { RentalHttpController } from './rental.http.controller';
import { RentalUnitsService } from './rental-units.service';

/** Rental units, their long-term reservations and the automatic rental moves. */
@Module({
  controllers: [RentalHttpController],
  providers: [RentalUnitsService, RentalHoldsService, RentalHoldsWriter],
  exports: [RentalHoldsWriter],
})
export class RentalModule {}
