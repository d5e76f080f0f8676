import { Module } from '@nestjs/common';
import { SettingsModule } from '../settings/settings.module';
import { BatchDatabase } from './batch-database';
import { DueBatchProcessor } from './due-batch.processor';
import { JobRunsHttpController } from './job-runs.http.controller';
import { JobRunsService } from './job-runs.service';
import { JobScheduler } from './job.scheduler';
import { PauseTransitions } from './pause-transitions';
import { SubscriptionOrderJob } from './subscription-order.job';

@Module({
  imports: [SettingsModule],
  controllers: [JobRunsHttpController],
  providers: [BatchDatabase, JobRunsService, DueBatchProcessor, PauseTransitions, SubscriptionOrderJob, JobScheduler],
  exports: [SubscriptionOrderJob],
})
export class JobModule {}
