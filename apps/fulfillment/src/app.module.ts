import { Module } from '@nestjs/common';
import { ServiceCoreModule } from '@oms/service-runtime';
import { FulfillmentEnvironment } from './config/fulfillment.environment';
import { PrismaService } from './database/prisma.service';
import { RentalModule } from './rental/rental.module';
import { ReservationsModule } from './reservations/reservations.module';
import { ShipmentsModule } from './shipments/shipments.module';
import { InventoryModule } from './stock/inventory.module';

@Module({
  imports: [
    ServiceCoreModule.forRoot({
      serviceName: 'fulfillment',
      port: 3004,
      environment: FulfillmentEnvironment,
      database: PrismaService,
    }),
    InventoryModule,
    ReservationsModule,
    ShipmentsModule,
    RentalModule,
  ],
})
export class AppModule {}
