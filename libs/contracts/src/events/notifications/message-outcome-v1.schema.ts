import { IsOptional, IsString, IsUUID } from 'class-validator';
import { IsEmailAddress, IsIntAtLeast, IsNonEmptyString } from '../../validation/contract.decorators';

/** Payload of `notifications.message.{sent,failed}.v1`. */
export class MessageOutcomeV1 {
  @IsNonEmptyString()
  messageId: string;

  /** Template name, e.g. `order-shipped`. */
  @IsNonEmptyString()
  template: string;

  @IsEmailAddress()
  recipient: string;

  /** Envelope id of the event that triggered the message, to trace it back. */
  @IsUUID()
  relatedEventId: string;

  @IsOptional()
  @IsNonEmptyString()
  orderId?: string;

  @IsOptional()
  @IsNonEmptyString()
  subscriptionId?: string;

  @IsOptional()
  @IsNonEmptyString()
  customerId?: string;

  /** Delivery attempts made so far, counting the first. */
  @IsIntAtLeast(1)
  attempts: number;

  /** Last delivery error; set on `failed`. */
  @IsOptional()
  @IsString()
  error?: string;
}
