import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { cardNumberErrors } from './card-number';
import { validationFailed } from './field-validation.pipe';

/**
 * Refuses (400, naming the field) any request body, query or path parameter
 * holding something that looks like a payment card number, whatever the DTO:
 * a service that must never store or log one registers it as a global pipe
 * (APP_PIPE), so routes added later are covered too.
 */
@Injectable()
export class CardNumberPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const errors = cardNumberErrors(value, metadata.type === 'param' ? (metadata.data ?? '') : '');
      if (errors.length > 0) throw validationFailed(errors);
    }
    return value;
  }
}
