import { OmitType } from '@nestjs/swagger';
import { CreateSubscriptionRequest } from '../subscriptions/dto/create-subscription.request';

/**
 * Enrolling a customer in a program: the subscription's customer, dates, address and policies, as for
 * POST /subscriptions; its currency, frequency and lines come from the program (and no end date or maximum
 * cycles: the program's last step decides the end).
 */
export class EnrolmentRequest extends OmitType(CreateSubscriptionRequest, ['currency', 'frequency', 'lines', 'endDate', 'maxCycles'] as const) {}
