import { Module } from '@nestjs/common';
import { ProductChangedConsumer } from './product-changed.consumer';

/** The catalog read model orders are priced from. */
@Module({ providers: [ProductChangedConsumer] })
export class CatalogModule {}
