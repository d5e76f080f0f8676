import { Module } from '@nestjs/common';
import { RentalSettingsHttpController } from './rental-settings.http.controller';
import { RentalSettingsService } from './rental-settings.service';
import { SettingsHttpController } from './settings.http.controller';
import { SettingsService } from './settings.service';

@Module({
  controllers: [SettingsHttpController, RentalSettingsHttpController],
  providers: [SettingsService, RentalSettingsService],
  exports: [SettingsService, RentalSettingsService],
})
export class SettingsModule {}
