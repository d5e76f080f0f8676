import { Module } from '@nestjs/common';
import { ServiceCoreModule } from '@oms/service-runtime';
import { FulfillmentEnvironment } from './config/fulfillment.environment';
import { PrismaService } from './database/prisma.service';

@Module({
  imports: [
    ServiceCoreModule.forRoot({
      serviceName: 'fulfillment',
      port: 3004,
      environment: FulfillmentEnvironment,
      database: PrismaService,
    }),
  ],
})
export class AppModule {}
