import { Equals, IsDefined, IsOptional, IsUUID, Matches, ValidateIf } from 'class-validator';
import { IsIsoDate, IsNonEmptyString } from '../validation/contract.decorators';

/**
 * class-validator rules for the envelope attributes. `data` is only checked to
 * exist here; its shape is validated against the class registered for `type`.
 */
export class EnvelopeAttributes {
  @Equals('1.0')
  specversion: '1.0';

  @IsUUID()
  id: string;

  @IsNonEmptyString()
  type: string;

  @Matches(/^\/\S+$/, { message: '$property must be a path such as /orders' })
  source: string;

  @IsNonEmptyString()
  subject: string;

  @IsIsoDate()
  time: string;

  @Equals('application/json')
  datacontenttype: 'application/json';

  // Not required to be a uuid: a flow may start from an HTTP request id.
  @IsNonEmptyString()
  correlationid: string;

  @IsOptional()
  @IsNonEmptyString()
  causationid?: string;

  // Optional so events written before actors travelled still parse; but one without
  // the other is a half-told actor, so either present makes both required.
  @ValidateIf(hasActor)
  @IsNonEmptyString()
  actorsub?: string;

  @ValidateIf(hasActor)
  @IsNonEmptyString()
  actorrole?: string;

  @IsDefined()
  data: unknown;
}

function hasActor(envelope: EnvelopeAttributes): boolean {
  return envelope.actorsub !== undefined || envelope.actorrole !== undefined;
}
