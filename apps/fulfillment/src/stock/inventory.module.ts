import { Module } from '@nestjs/common';
import { ReservationsModule } from '../reservations/reservations.module';
import { WarehousesHttpController } from '../warehouses/warehouses.http.controller';
import { WarehousesService } from '../warehouses/warehouses.service';
import { StockCommandsService } from './stock-commands.service';
import { StockQueriesService } from './stock-queries.service';
import { StockHttpController } from './stock.http.controller';

/** Warehouses and the stock in them. Stock going up retries backorders (ReservationsModule). */
@Module({
  imports: [ReservationsModule],
  controllers: [WarehousesHttpController, StockHttpController],
  providers: [WarehousesService, StockCommandsService, StockQueriesService],
})
export class InventoryModule {}
