import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module';
import { ProductChangedConsumer } from './product-changed.consumer';

/** The catalog read model orders are priced from; its arrivals release orders waiting for a price. */
@Module({ imports: [OrdersModule], providers: [ProductChangedConsumer] })
export class CatalogModule {}
