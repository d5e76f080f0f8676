import { Module } from '@nestjs/common';
import { ServiceCoreModule } from '@oms/service-runtime';
import { CatalogModule } from './catalog/catalog.module';
import { OrdersEnvironment } from './config/orders.environment';
import { PrismaService } from './database/prisma.service';
import { LateOrdersModule } from './late-orders/late-orders.module';
import { OrdersModule } from './orders/orders.module';

@Module({
  imports: [
    ServiceCoreModule.forRoot({
      serviceName: 'orders',
      port: 3003,
      environment: OrdersEnvironment,
      database: PrismaService,
    }),
    CatalogModule,
    OrdersModule,
    LateOrdersModule,
  ],
})
export class AppModule {}
