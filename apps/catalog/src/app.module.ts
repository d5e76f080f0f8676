import { Module } from '@nestjs/common';
import { ServiceCoreModule } from '@oms/service-runtime';
import { CatalogEnvironment } from './config/catalog.environment';
import { PrismaService } from './database/prisma.service';
import { ProductsModule } from './products/products.module';

@Module({
  imports: [
    ServiceCoreModule.forRoot({
      serviceName: 'catalog',
      port: 3001,
      environment: CatalogEnvironment,
      database: PrismaService,
    }),
    ProductsModule,
  ],
})
export class AppModule {}
