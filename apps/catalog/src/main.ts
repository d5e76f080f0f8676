// Products, prices and the subscription frequencies each product allows; publishes every product change.
import { runService } from '@oms/service-runtime';
import { AppModule } from './app.module';

runService({ serviceName: 'catalog', appModule: AppModule });
