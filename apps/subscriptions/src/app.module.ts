import { Module } from '@nestjs/common';
import { ServiceCoreModule } from '@oms/service-runtime';
import { SubscriptionsEnvironment } from './config/subscriptions.environment';
import { PrismaService } from './database/prisma.service';
import { ContinuityModule } from './continuity/continuity.module';
import { JobModule } from './job/job.module';
import { RentalModule } from './rental/rental.module';
import { LifecycleModule } from './lifecycle/lifecycle.module';
import { SubscriptionsModule } from './subscriptions/subscriptions.module';

@Module({
  imports: [
    ServiceCoreModule.forRoot({
      serviceName: 'subscriptions',
      port: 3002,
      environment: SubscriptionsEnvironment,
      database: PrismaService,
    }),
    SubscriptionsModule,
    LifecycleModule,
    JobModule,
    RentalModule,
    ContinuityModule,
  ],
})
export class AppModule {}
