import { Module } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { CardNumberPipe, ServiceCoreModule } from '@oms/service-runtime';
import { CatalogModule } from './catalog/catalog.module';
import { OrdersEnvironment } from './config/orders.environment';
import { PrismaService } from './database/prisma.service';
import { LateOrdersModule } from './late-orders/late-orders.module';
import { OrderPaymentsModule } from './order-payments/order-payments.module';
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
    OrderPaymentsModule,
  ],
  // No card number is ever stored or logged: any field of any request that looks like one is refused (400, naming it).
  providers: [{ provide: APP_PIPE, useClass: CardNumberPipe }],
})
export class AppModule {}
