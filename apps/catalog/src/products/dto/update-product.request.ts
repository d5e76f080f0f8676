import { PartialType } from '@nestjs/swagger';
import { ProductFieldsDto } from './product-fields.dto';

/** Any subset of the product's fields; the SKU never changes. A field sent as null is refused, not cleared. */
export class UpdateProductRequest extends PartialType(ProductFieldsDto, { skipNullProperties: false }) {}
