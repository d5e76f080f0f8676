import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { type Actor, ANY_ROLE, CurrentActor, Roles } from '@oms/auth';
import { ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import { CorrelationId } from '@oms/service-runtime';
import { CreateProductRequest } from './dto/create-product.request';
import { ListProductsQuery } from './dto/list-products.query';
import { UpdateProductRequest } from './dto/update-product.request';
import { toProductResponse, visibleTo } from './product.mapper';
import { ProductCommandsService } from './product-commands.service';
import { ProductQueriesService } from './product-queries.service';

@ApiTags('products')
@Controller('products')
export class ProductsHttpController {
  constructor(
    private readonly commands: ProductCommandsService,
    private readonly queries: ProductQueriesService,
  ) {}

  @Post()
  @Roles('admin')
  @ApiConflictResponse({ description: 'a product with this SKU already exists' })
  async create(@Body() request: CreateProductRequest, @CurrentActor() actor: Actor, @CorrelationId() correlationId?: string) {
    return toProductResponse(await this.commands.create(request, actor, correlationId));
  }

  @Get()
  @Roles(...ANY_ROLE)
  async list(@Query() query: ListProductsQuery, @CurrentActor() actor: Actor) {
    const page = await this.queries.list(query);
    return { ...page, items: page.items.map((item) => visibleTo(actor, item)) };
  }

  @Get(':id')
  @Roles(...ANY_ROLE)
  async get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentActor() actor: Actor) {
    return visibleTo(actor, await this.queries.get(id));
  }

  @Patch(':id')
  @Roles('admin')
  async update(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() request: UpdateProductRequest,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId?: string,
  ) {
    return toProductResponse(await this.commands.update(id, request, actor, correlationId));
  }

  @Post(':id/retire')
  @Roles('admin')
  @HttpCode(200)
  async retire(@Param('id', new ParseUUIDPipe()) id: string, @CurrentActor() actor: Actor, @CorrelationId() correlationId?: string) {
    return toProductResponse(await this.commands.retire(id, actor, correlationId));
  }
}
