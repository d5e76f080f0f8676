import { Module } from '@nestjs/common';
import { SubscriptionsModule } from '../subscriptions/subscriptions.module';
import { ContinuityProgramsHttpController } from './continuity-programs.http.controller';
import { ContinuityProgramsService } from './continuity-programs.service';
import { EnrolCustomerService } from './enrol-customer.service';
import { ProgramProductsValidator } from './program-products.validator';

/** Continuity programs and enrolments in them; the job ships each cycle's step (see job/due-batch.planner.ts). */
@Module({
  imports: [SubscriptionsModule],
  controllers: [ContinuityProgramsHttpController],
  providers: [ContinuityProgramsService, EnrolCustomerService, ProgramProductsValidator],
})
export class ContinuityModule {}
