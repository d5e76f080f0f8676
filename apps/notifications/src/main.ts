// Emails for each lifecycle event, sent once per event, template and recipient.
import { runService } from '@oms/service-runtime';
import { AppModule } from './app.module';

runService({ serviceName: 'notifications', appModule: AppModule });
