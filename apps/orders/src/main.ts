// Sales orders from due-order events and upstream channels, with status history and holds.
import { runService } from '@oms/service-runtime';
import { AppModule } from './app.module';

runService({ serviceName: 'orders', appModule: AppModule });
