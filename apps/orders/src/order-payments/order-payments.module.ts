import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module';
import { PaymentsModule } from '../payments/payments.module';
import { DunningHttpController } from './dunning.http.controller';
import { DunningQueries } from './dunning.queries';
import { DunningRunner } from './dunning.runner';
import { OrderPaymentsHttpController } from './order-payments.http.controller';
import { OrderPaymentsService } from './order-payments.service';
import { PaymentMethodsHttpController } from './payment-methods.http.controller';
import { PaymentRetry } from './payment-retry.service';

/** Payments on orders: cards that retry held orders, an order's payments and refunds, and the dunning loop. */
@Module({
  imports: [PaymentsModule, OrdersModule],
  controllers: [PaymentMethodsHttpController, OrderPaymentsHttpController, DunningHttpController],
  providers: [PaymentRetry, OrderPaymentsService, DunningRunner, DunningQueries],
})
export class OrderPaymentsModule {}
