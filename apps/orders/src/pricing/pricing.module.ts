import { Module } from '@nestjs/common';
import { SettingsModule } from '../settings/settings.module';
import { SourceCodesModule } from '../source-codes/source-codes.module';
import { TaxModule } from '../tax/tax.module';
import { OrderPricer } from './order-pricer.service';
import { QuoteHttpController } from './quote.http.controller';

/** Call-center pricing: POST /orders/quote and the pricer POST /orders places with. */
@Module({
  imports: [SettingsModule, SourceCodesModule, TaxModule],
  controllers: [QuoteHttpController],
  providers: [OrderPricer],
  exports: [OrderPricer],
})
export class PricingModule {}
