import { Module } from '@nestjs/common';
import { MessagesModule } from '../messages/messages.module';
import { RentalModule } from '../rental/rental.module';
import { OrderEventsConsumer } from './order-events.consumer';
import { ShipmentEventsConsumer } from './shipment-events.consumer';

/** Order and shipment emails, and the order read model they need. */
@Module({ imports: [RentalModule, MessagesModule], providers: [OrderEventsConsumer, ShipmentEventsConsumer] })
export class OrdersModule {}
