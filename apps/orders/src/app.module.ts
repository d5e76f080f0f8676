import { Module } from '@nestjs/common';
import { ServiceCoreModule } from '@oms/service-runtime';
import { OrdersEnvironment } from './config/orders.environment';
import { PrismaService } from './database/prisma.service';

@Module({
  imports: [
    ServiceCoreModule.forRoot({
      serviceName: 'orders',
      port: 3003,
      environment: OrdersEnvironment,
      database: PrismaService,
    }),
  ],
})
export class AppModule {}
