import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SHIPMENT_STATUSES } from '@oms/contracts';
import { IsOmittable } from '@oms/service-runtime';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsInt, IsObject, Max, MaxLength, Min, registerDecorator, ValidateNested } from 'class-validator';
import { REMINDER_RECIPIENTS, ruleKey, type ReminderRecipient, type StatusReminderRule } from './notification-settings.service';

/** Statuses a rental delivery can stay in (the parcel statuses and Closed, the end, take no reminder). */
export const REMINDABLE_STATUSES = SHIPMENT_STATUSES.filter((s) => !['created', 'shipped', 'delivered', 'closed'].includes(s));

class StatusReminderRuleDto implements StatusReminderRule {
  @ApiProperty({ enum: REMINDABLE_STATUSES, example: 'returned' })
  @IsIn(REMINDABLE_STATUSES, { message: `status must be one of: ${REMINDABLE_STATUSES.join(', ')}` })
  status: StatusReminderRule['status'];

  @ApiProperty({ example: 3, description: 'days a delivery stays in the status before the reminder goes out' })
  @IsInt()
  @Min(1)
  @Max(365)
  afterDays: number;

  @ApiProperty({ enum: REMINDER_RECIPIENTS })
  @IsIn(REMINDER_RECIPIENTS, { message: `to must be one of: ${REMINDER_RECIPIENTS.join(', ')}` })
  to: ReminderRecipient;
}

const noDuplicateRules = (rules: StatusReminderRule[]) => new Set(rules.map(ruleKey)).size === rules.length;

/** PUT /settings/notifications: any subset of the settings; a field left out keeps its value, an explicit null is refused. */
export class NotificationSettingsRequest {
  @ApiPropertyOptional({ example: 'store-manager@example.com', description: 'receives the rental notices and out-of-stock copies' })
  @IsOmittable()
  @MaxLength(320)
  @IsEmail({}, { message: 'storeManagerEmail must be an email address' })
  storeManagerEmail?: string;

  @ApiPropertyOptional({ example: 'ops@shop.example', description: 'operations: receives a notice of every fraud hold' })
  @IsOmittable()
  @MaxLength(320)
  @IsEmail({}, { message: 'opsEmail must be an email address' })
  opsEmail?: string;

  @ApiPropertyOptional({ example: 10, description: 'the check-in email goes out on the start date plus this many days' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(365)
  checkInDay?: number;

  @ApiPropertyOptional({ type: [StatusReminderRuleDto], description: 'each rule fires once per delivery that stays in its status afterDays days' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true, message: 'each of statusReminders must be an object with status, afterDays and to' })
  @ValidateNested({ each: true })
  @Type(() => StatusReminderRuleDto)
  @Distinct()
  statusReminders?: StatusReminderRuleDto[];
}

/** Two equal rules would be one rule: refused rather than silently merged. */
function Distinct() {
  return (target: object, property: string) => {
    registerDecorator({
      name: 'distinctRules', target: target.constructor, propertyName: property,
      validator: {
        validate: (value: unknown) => !Array.isArray(value) || !value.every((r) => r && typeof r === 'object') || noDuplicateRules(value as StatusReminderRule[]),
        defaultMessage: () => `${property} must not repeat a rule (same status, afterDays and to)`,
      },
    });
  };
}
