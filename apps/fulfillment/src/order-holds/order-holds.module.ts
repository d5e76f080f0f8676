import { Module } from '@nestjs/common';
import { OrderHoldsRecorder } from './order-holds.recorder';

/** The open holds of known orders, kept from order events; the shipment commands refuse held orders. */
@Module({
  providers: [OrderHoldsRecorder],
  exports: [OrderHoldsRecorder],
})
export class OrderHoldsModule {}
