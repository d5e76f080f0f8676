import { Module } from '@nestjs/common';
import { ServiceCoreModule } from '@oms/service-runtime';
import { NotificationsEnvironment } from './config/notifications.environment';
import { PrismaService } from './database/prisma.service';

@Module({
  imports: [
    ServiceCoreModule.forRoot({
      serviceName: 'notifications',
      port: 3005,
      environment: NotificationsEnvironment,
      database: PrismaService,
    }),
  ],
})
export class AppModule {}
