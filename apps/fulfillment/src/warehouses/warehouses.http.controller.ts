import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { type Actor, CurrentActor, Roles } from '@oms/auth';
import { ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import { PageQuery } from '@oms/service-runtime';
import { CreateWarehouseRequest } from './dto/create-warehouse.request';
import { WarehouseCodeParams } from './dto/warehouse-code.params';
import { toWarehouseResponse } from './warehouse.mapper';
import { WarehousesService } from './warehouses.service';

@ApiTags('warehouses')
@Controller('warehouses')
export class WarehousesHttpController {
  constructor(private readonly warehouses: WarehousesService) {}

  @Post()
  @Roles('ops')
  @ApiConflictResponse({ description: 'a warehouse with this code already exists' })
  create(@Body() request: CreateWarehouseRequest, @CurrentActor() actor: Actor) {
    return this.warehouses.create(request, actor);
  }

  @Get()
  @Roles('ops')
  list(@Query() query: PageQuery) {
    return this.warehouses.list(query);
  }

  @Get(':code')
  @Roles('ops')
  async get(@Param() params: WarehouseCodeParams) {
    return toWarehouseResponse(await this.warehouses.byCode(params.code));
  }
}
