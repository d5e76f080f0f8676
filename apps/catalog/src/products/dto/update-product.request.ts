import { PartialType } from '@nestjs/swagger';
import { ProductFieldsDto } from './product-fields.dto';

/** Any subset of the product's fields; the SKU never changes. */
export class UpdateProductRequest extends PartialType(ProductFieldsDto) {}
