import { Module } from '@nestjs/common';
import { OrderTaxService } from './order-tax.service';
import { TaxRatesHttpController } from './tax-rates.http.controller';
import { TaxRatesService } from './tax-rates.service';
import { TaxSettingsHttpController } from './tax-settings.http.controller';
import { TaxSettingsService } from './tax-settings.service';

/** Sales tax: rates per tax code and region, the tax-inclusive setting, and the order tax calculation. */
@Module({
  controllers: [TaxRatesHttpController, TaxSettingsHttpController],
  providers: [TaxRatesService, TaxSettingsService, OrderTaxService],
  exports: [OrderTaxService],
})
export class TaxModule {}
