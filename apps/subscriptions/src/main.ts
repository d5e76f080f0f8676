// Subscription contracts, their lifecycle and the scheduler that publishes due-order events.
import { runService } from '@oms/service-runtime';
import { AppModule } from './app.module';

runService({ serviceName: 'subscriptions', appModule: AppModule });
