import { Module } from '@nestjs/common';
import { SettingsHttpController } from './settings.http.controller';
import { SettingsService } from './settings.service';

@Module({
  controllers: [SettingsHttpController],
  providers: [SettingsService],
  exports: [SettingsService],
})
export class SettingsModule {}
