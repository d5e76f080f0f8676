import { Module } from '@nestjs/common';
import { DeliveryModesModule } from '../delivery-modes/delivery-modes.module';
import { ReservationOutcomeConsumer } from './fulfillment/reservation-outcome.consumer';
import { ShipmentStatusConsumer } from './fulfillment/shipment-status.consumer';
import { ChannelOrderConsumer } from './intake/channel-order.consumer';
import { OrderDueConsumer } from './intake/order-due.consumer';
import { OrderWriter } from './intake/order-writer.service';
import { PlaceOrderService } from './intake/place-order.service';
import { OrderCommandsService } from './order-commands.service';
import { OrderQueriesService } from './order-queries.service';
import { OrdersHttpController } from './orders.http.controller';
import { OrderHolds } from './status/order-holds.service';
import { OrderTransitions } from './status/order-transitions.service';
import { PricingHolds } from './status/pricing-holds.service';

@Module({
  imports: [DeliveryModesModule],
  controllers: [OrdersHttpController],
  providers: [
    OrderWriter, PlaceOrderService, OrderDueConsumer, ChannelOrderConsumer,
    OrderTransitions, OrderHolds, OrderCommandsService, OrderQueriesService,
    ReservationOutcomeConsumer, ShipmentStatusConsumer, PricingHolds,
  ],
  exports: [PricingHolds, OrderTransitions],
})
export class OrdersModule {}
