import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '@oms/auth';
import { PageQuery } from '@oms/service-runtime';
import { FraudRulesRequest } from './fraud-rules.request';
import { FraudRulesSettings } from './fraud-rules.settings';

@ApiTags('settings')
@Controller('settings/fraud-rules')
export class FraudSettingsHttpController {
  constructor(private readonly settings: FraudRulesSettings) {}

  /** The rules in force: the threshold and each rule that is on, with its score. */
  @Get()
  @Roles('csr', 'ops')
  get() {
    return this.settings.get();
  }

  /** Replaces the rules (a rule left out is off); the change is logged with who made it. */
  @Put()
  @Roles('admin')
  @ApiOkResponse({ description: 'the rules now in force' })
  set(@Body() body: FraudRulesRequest, @CurrentActor() actor: Actor) {
    return this.settings.set(body, actor);
  }

  /** Every change of the rules, newest first: the rules set, by whom, when. */
  @Get('changes')
  @Roles('csr', 'ops')
  changes(@Query() query: PageQuery) {
    return this.settings.changes(query);
  }
}
