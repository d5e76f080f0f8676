import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '@oms/auth';
import { PageQuery } from '@oms/service-runtime';
import { CallCenterSettingsRequest } from './call-center-settings.request';
import { CallCenterSettingsService } from './call-center-settings.service';

@ApiTags('settings')
@Controller('settings/call-center')
export class CallCenterSettingsHttpController {
  constructor(private readonly settings: CallCenterSettingsService) {}

  /** Whether call-center orders need a source code, the margin alert threshold, the override reason codes and limits per role. */
  @Get()
  @Roles('csr', 'ops')
  get() {
    return this.settings.get();
  }

  /** Any subset of the settings; the answer is all of them. Each change is kept with who made it. */
  @Put()
  @Roles('admin')
  set(@Body() body: CallCenterSettingsRequest, @CurrentActor() actor: Actor) {
    return this.settings.set(body, actor);
  }

  /** The change log: the whole value after each PUT and who set it, newest first, paginated. */
  @Get('changes')
  @Roles('csr', 'ops')
  @ApiOkResponse({ description: 'newest first' })
  changes(@Query() query: PageQuery) {
    return this.settings.changes(query);
  }
}
