import { Module } from '@nestjs/common';
import { RentalModule } from '../rental/rental.module';
import { SubscriptionEventsConsumer } from './subscription-events.consumer';

/** Follows each subscription's events: emails confirming its actions, and renewal reminders re-planned around skips, moves, pauses and cancels. */
@Module({ imports: [RentalModule], providers: [SubscriptionEventsConsumer] })
export class LifecycleModule {}
