import { Module } from '@nestjs/common';
import { DeliveryModesHttpController } from './delivery-modes.http.controller';
import { DeliveryModesService } from './delivery-modes.service';

@Module({
  controllers: [DeliveryModesHttpController],
  providers: [DeliveryModesService],
  exports: [DeliveryModesService],
})
export class DeliveryModesModule {}
