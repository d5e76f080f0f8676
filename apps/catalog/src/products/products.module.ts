import { Module } from '@nestjs/common';
import { ProductCommandsService } from './product-commands.service';
import { ProductQueriesService } from './product-queries.service';
import { ProductsHttpController } from './products.http.controller';

@Module({
  controllers: [ProductsHttpController],
  providers: [ProductCommandsService, ProductQueriesService],
})
export class ProductsModule {}
