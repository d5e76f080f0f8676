import { Module } from '@nestjs/common';
import { MessagesModule } from '../messages/messages.module';
import { RemindersModule } from '../reminders/reminders.module';
import { RentalModule } from '../rental/rental.module';
import { DispatchDatabase } from './dispatch-database';
import { DispatchScheduler } from './dispatch.scheduler';
import { MailTransport } from './mail.transport';
import { MessageDispatcher } from './message-dispatcher.service';
import { MessageOutcomes } from './message-outcomes.service';

/** Sending: the loop, the SMTP transport and the outcome records and events. */
@Module({
  imports: [RemindersModule, RentalModule, MessagesModule],
  providers: [DispatchDatabase, MailTransport, MessageOutcomes, MessageDispatcher, DispatchScheduler],
  exports: [DispatchScheduler],
})
export class DispatchModule {}
