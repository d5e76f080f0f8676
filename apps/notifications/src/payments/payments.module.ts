import { Module } from '@nestjs/common';
import { MessagesModule } from '../messages/messages.module';
import { PaymentEventsConsumer } from './payment-events.consumer';

/** Customer emails about the payments of subscription cycles' orders (dunning). */
@Module({ imports: [MessagesModule], providers: [PaymentEventsConsumer] })
export class PaymentsModule {}
