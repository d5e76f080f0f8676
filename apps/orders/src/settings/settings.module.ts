import { Module } from '@nestjs/common';
import { CallCenterSettingsHttpController } from './call-center-settings.http.controller';
import { CallCenterSettingsService } from './call-center-settings.service';

/** The call-center desk's settings over HTTP, with their change log. */
@Module({
  controllers: [CallCenterSettingsHttpController],
  providers: [CallCenterSettingsService],
  exports: [CallCenterSettingsService],
})
export class SettingsModule {}
