// Stock, reservations, releases to the warehouse, shipments and rental delivery statuses.
import { runService } from '@oms/service-runtime';
import { AppModule } from './app.module';

runService({ serviceName: 'fulfillment', appModule: AppModule });
