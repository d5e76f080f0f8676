import { Module } from '@nestjs/common';
import { OrderDueConsumer } from './order-due.consumer';
import { ReminderPoller } from './reminder.poller';

/** Renewal reminders: planned from due cycles (and re-planned by the lifecycle module's subscription events), queued as messages when their time comes. */
@Module({
  providers: [OrderDueConsumer, ReminderPoller],
  exports: [ReminderPoller],
})
export class RemindersModule {}
