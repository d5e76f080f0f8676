import { Module } from '@nestjs/common';
import { FraudEvaluationsHttpController } from './fraud-evaluations.http.controller';
import { FraudEvaluationsQueries } from './fraud-evaluations.queries';
import { FraudScreening } from './fraud-screening.service';
import { FraudRulesSettings } from './fraud-rules.settings';
import { FraudSettingsHttpController } from './fraud-settings.http.controller';

/** Fraud rules: their settings over HTTP, the screening of orders at placement, the evaluations recorded. */
@Module({
  controllers: [FraudSettingsHttpController, FraudEvaluationsHttpController],
  providers: [FraudRulesSettings, FraudScreening, FraudEvaluationsQueries],
  exports: [FraudScreening],
})
export class FraudModule {}
