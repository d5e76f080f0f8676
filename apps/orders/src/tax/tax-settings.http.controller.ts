import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '@oms/auth';
import { TaxSettingsRequest } from './tax-settings.request';
import { TaxSettingsService } from './tax-settings.service';

@ApiTags('settings')
@Controller('settings/tax')
export class TaxSettingsHttpController {
  constructor(private readonly settings: TaxSettingsService) {}

  /** Which currencies' prices include tax (tax-exclusive unless listed). */
  @Get()
  @Roles('csr', 'ops', 'channel')
  get() {
    return this.settings.get();
  }

  /** Replaces the list; applies to orders created from now on. */
  @Put()
  @Roles('admin')
  set(@Body() body: TaxSettingsRequest, @CurrentActor() actor: Actor) {
    return this.settings.set(body, actor);
  }
}
