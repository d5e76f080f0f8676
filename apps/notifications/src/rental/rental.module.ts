import { Module } from '@nestjs/common';
import { NotificationSettingsHttpController } from './notification-settings.http.controller';
import { NotificationSettingsService } from './notification-settings.service';
import { RentalEmails } from './rental-emails.service';
import { RentalRemindersPoller } from './rental-reminders.poller';

/**
 * Rental emails (ShareFox's user notifications): the notification settings, the
 * store manager's notices and the customer's emails on a new rental order, a
 * swap and an end request, the day-N check-in and the status reminders.
 */
@Module({
  controllers: [NotificationSettingsHttpController],
  providers: [NotificationSettingsService, RentalEmails, RentalRemindersPoller],
  exports: [NotificationSettingsService, RentalEmails, RentalRemindersPoller],
})
export class RentalModule {}
