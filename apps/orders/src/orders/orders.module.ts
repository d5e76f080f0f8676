import { Module } from '@nestjs/common';
import { DeliveryModesModule } from '../delivery-modes/delivery-modes.module';
import { CustomerOrdersHttpController } from '../customers/customer-orders.http.controller';
import { FraudModule } from '../fraud/fraud.module';
import { PricingModule } from '../pricing/pricing.module';
import { TaxModule } from '../tax/tax.module';
import { PaymentsModule } from '../payments/payments.module';
import { ReservationOutcomeConsumer } from './fulfillment/reservation-outcome.consumer';
import { ShipmentStatusConsumer } from './fulfillment/shipment-status.consumer';
import { AuthorizationCompletion } from './intake/authorization-completion.service';
import { ChannelOrderConsumer } from './intake/channel-order.consumer';
import { OrderDueConsumer } from './intake/order-due.consumer';
import { OrderWriter } from './intake/order-writer.service';
import { PlaceOrderService } from './intake/place-order.service';
import { OrderHoldsHttpController } from './holds/order-holds.http.controller';
import { OrderCommandsService } from './order-commands.service';
import { OrderQueriesService } from './order-queries.service';
import { OrdersHttpController } from './orders.http.controller';
import { OrderHolds } from './status/order-holds.service';
import { OrderTransitions } from './status/order-transitions.service';
import { PricingHolds } from './status/pricing-holds.service';

@Module({
  imports: [DeliveryModesModule, FraudModule, PricingModule, TaxModule, PaymentsModule],
  controllers: [OrdersHttpController, OrderHoldsHttpController, CustomerOrdersHttpController],
  providers: [
    OrderWriter, PlaceOrderService, OrderDueConsumer, ChannelOrderConsumer, AuthorizationCompletion,
    OrderTransitions, OrderHolds, OrderCommandsService, OrderQueriesService,
    ReservationOutcomeConsumer, ShipmentStatusConsumer, PricingHolds,
  ],
  exports: [PricingHolds, OrderTransitions, OrderHolds, AuthorizationCompletion],
})
export class OrdersModule {}
