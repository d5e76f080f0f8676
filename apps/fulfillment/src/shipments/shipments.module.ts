import { Module } from '@nestjs/common';
import { DeliveryStatusMover } from './delivery-status.mover';
import { ShipmentCommandsService } from './shipment-commands.service';
import { ShipmentQueriesService } from './shipment-queries.service';
import { ShipmentsHttpController } from './shipments.http.controller';

@Module({
  controllers: [ShipmentsHttpController],
  providers: [ShipmentCommandsService, ShipmentQueriesService, DeliveryStatusMover],
  exports: [DeliveryStatusMover],
})
export class ShipmentsModule {}
