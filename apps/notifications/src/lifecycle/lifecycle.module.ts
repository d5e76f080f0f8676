import { Module } from '@nestjs/common';
import { MessagesModule } from '../messages/messages.module';
import { RentalModule } from '../rental/rental.module';
import { SubscriptionEventsConsumer } from './subscription-events.consumer';

/** Follows each subscription's events: emails confirming its actions, and renewal reminders re-planned around skips, moves, pauses and cancels. */
@Module({ imports: [RentalModule, MessagesModule], providers: [SubscriptionEventsConsumer] })
export class LifecycleModule {}
