import { Module } from '@nestjs/common';
import { ShipmentCommandsService } from './shipment-commands.service';
import { ShipmentQueriesService } from './shipment-queries.service';
import { ShipmentsHttpController } from './shipments.http.controller';

@Module({
  controllers: [ShipmentsHttpController],
  providers: [ShipmentCommandsService, ShipmentQueriesService],
})
export class ShipmentsModule {}
