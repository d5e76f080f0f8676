import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '@oms/auth';
import { CreateTaxRateRequest, EndTaxRateRequest, ListTaxRatesQuery } from './tax-rate.requests';
import { TaxRatesService } from './tax-rates.service';

/** Sales tax rates per product tax code and region: admin writes; customer service, operations and channels read them. */
@ApiTags('tax')
@Controller('tax-rates')
export class TaxRatesHttpController {
  constructor(private readonly rates: TaxRatesService) {}

  @Get()
  @Roles('csr', 'ops', 'channel')
  list(@Query() query: ListTaxRatesQuery) {
    return this.rates.list(query);
  }

  @Get(':id')
  @Roles('csr', 'ops', 'channel')
  @ApiNotFoundResponse({ description: 'no such tax rate' })
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.rates.get(id);
  }

  /** A new rate; orders created from its validFrom on (in its region) are taxed with it. */
  @Post()
  @Roles('admin')
  @ApiConflictResponse({ description: 'another rate of the same code and region overlaps these dates' })
  create(@Body() body: CreateTaxRateRequest, @CurrentActor() actor: Actor) {
    return this.rates.create(body, actor);
  }

  /** Ends a rate on validTo (a rate change: end the old one, create the new one from the next day). */
  @Patch(':id')
  @Roles('admin')
  @ApiNotFoundResponse({ description: 'no such tax rate' })
  @ApiConflictResponse({ description: 'the new end would overlap a later rate' })
  end(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: EndTaxRateRequest, @CurrentActor() actor: Actor) {
    return this.rates.end(id, body, actor);
  }
}
