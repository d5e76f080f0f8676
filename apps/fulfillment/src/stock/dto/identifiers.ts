import { Transform } from 'class-transformer';
import { Matches } from 'class-validator';

const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);

/** SKUs as the catalog writes them (trimmed, upper case), so stock rows match order lines. */
export function IsSku(): PropertyDecorator {
  return (target, key) => {
    Transform(upper)(target, key);
    Matches(/^[A-Z0-9][A-Z0-9._-]{0,63}$/, { message: 'sku must be 1-64 letters, digits, ".", "_" or "-"' })(target, key);
  };
}

/** Warehouse codes: short, upper case, stable (they appear on pick lists). */
export function IsWarehouseCode(property = 'code'): PropertyDecorator {
  return (target, key) => {
    Transform(upper)(target, key);
    Matches(/^[A-Z0-9][A-Z0-9_-]{0,31}$/, { message: `${property} must be 1-32 letters, digits, "_" or "-"` })(target, key);
  };
}
