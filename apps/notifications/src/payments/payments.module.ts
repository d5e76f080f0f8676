import { Module } from '@nestjs/common';
import { PaymentEventsConsumer } from './payment-events.consumer';

/** Customer emails about the payments of subscription cycles' orders (dunning). */
@Module({ providers: [PaymentEventsConsumer] })
export class PaymentsModule {}
