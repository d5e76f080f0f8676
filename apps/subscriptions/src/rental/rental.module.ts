import { Module } from '@nestjs/common';
import { SettingsModule } from '../settings/settings.module';
import { RentalEventsConsumer } from './rental-events.consumer';
import { RentalRequestsHttpController } from './rental-requests.http.controller';
import { RentalRequestsService } from './rental-requests.service';

/** Rental subscriptions: swap and end requests, the assumed return date, and fulfillment's rental facts. */
@Module({
  imports: [SettingsModule],
  controllers: [RentalRequestsHttpController],
  providers: [RentalRequestsService, RentalEventsConsumer],
})
export class RentalModule {}
