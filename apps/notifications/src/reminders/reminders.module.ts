import { Module } from '@nestjs/common';
import { RentalModule } from '../rental/rental.module';
import { OrderDueConsumer } from './order-due.consumer';
import { ReminderPoller } from './reminder.poller';
import { SubscriptionLifecycleConsumer } from './subscription-lifecycle.consumer';

/** Renewal reminders: planned from subscription events, queued as messages when their time comes. */
@Module({
  imports: [RentalModule],
  providers: [OrderDueConsumer, SubscriptionLifecycleConsumer, ReminderPoller],
  exports: [ReminderPoller],
})
export class RemindersModule {}
