import { Module } from '@nestjs/common';
import { ServiceCoreModule } from '@oms/service-runtime';
import { NotificationsEnvironment } from './config/notifications.environment';
import { PrismaService } from './database/prisma.service';
import { DispatchModule } from './dispatch/dispatch.module';
import { LifecycleModule } from './lifecycle/lifecycle.module';
import { MessagesModule } from './messages/messages.module';
import { OrdersModule } from './orders/orders.module';
import { PaymentsModule } from './payments/payments.module';
import { RemindersModule } from './reminders/reminders.module';
import { RentalModule } from './rental/rental.module';

@Module({
  imports: [
    ServiceCoreModule.forRoot({
      serviceName: 'notifications',
      port: 3005,
      environment: NotificationsEnvironment,
      database: PrismaService,
    }),
    OrdersModule,
    PaymentsModule,
    RemindersModule,
    RentalModule,
    LifecycleModule,
    DispatchModule,
    MessagesModule,
  ],
})
export class AppModule {}
