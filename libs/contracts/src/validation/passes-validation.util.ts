import { getMetadataStorage, ValidationTypes, type MetadataStorage, type ValidationArguments } from 'class-validator';
import { nestedClassOf, type ContractClass } from './nested-class.registry';

/**
 * A yes/no answer to "would class-validator find no error in this plain
 * object?", from the same decorators and the same constraint functions, but
 * without what makes `plainToInstance` + `validateSync` cost a consumer tens of
 * microseconds per event: copying the object into class instances, looking up
 * every class's metadata again on each call (a scan of all registered classes
 * for inherited rules) and building an error object per property.
 *
 * It only ever answers `true` when class-validator would accept the value:
 * anything it does not model (promise, whitelist or schema rules, an async or
 * promise-returning constraint, a class without rules, a class with methods,
 * getters or field initialisers that `plainToInstance` would keep, an object
 * whose own keys would change its prototype) answers `false`, and the caller
 * then asks class-validator, which also words the reasons.
 */
export function passesValidation(cls: ContractClass, value: object): boolean {
  const check = checkerFor(cls);
  return check !== undefined && check(value);
}

type Checker = (value: object) => boolean;

/** class-validator keeps this type internal; the storage's own signature names it. */
type ValidationMetadata = ReturnType<MetadataStorage['getTargetValidationMetadatas']>[number];

interface Constraint {
  validate: (value: unknown, args: ValidationArguments) => unknown;
  metadata: ValidationMetadata;
}

interface PropertyRule {
  property: string;
  conditions: ((object: object, value: unknown) => boolean)[];
  defined: Constraint[];
  custom: Constraint[];
  /** The nested class of a ValidateNested property (null: it has ValidateNested but no known class). */
  nested?: ContractClass | null;
}

/** `undefined`: not modelled, always ask class-validator. */
const checkers = new Map<ContractClass, Checker | undefined>();

/** Compiled once per class; nested classes are looked up when a value reaches them. */
function checkerFor(cls: ContractClass): Checker | undefined {
  if (!checkers.has(cls)) checkers.set(cls, compile(cls));
  return checkers.get(cls);
}

const MODELLED = new Set<string>([
  ValidationTypes.CUSTOM_VALIDATION,
  ValidationTypes.NESTED_VALIDATION,
  ValidationTypes.CONDITIONAL_VALIDATION,
  ValidationTypes.IS_DEFINED,
]);

function compile(cls: ContractClass): Checker | undefined {
  const storage = getMetadataStorage();
  // Exactly the rules validateSync applies to an instance of `cls` with no groups.
  const metadatas = storage.getTargetValidationMetadatas(cls, '', false, false, undefined);
  if (metadatas.length === 0 || !instancesAreBare(cls)) return undefined; // forbidUnknownValues refuses it; or the copy differs
  const rules = new Map<string, PropertyRule>();
  for (const metadata of metadatas) {
    if (!MODELLED.has(metadata.type) || metadata.propertyName in Object.prototype) return undefined;
    const rule = rules.get(metadata.propertyName) ?? { property: metadata.propertyName, conditions: [], defined: [], custom: [] };
    rules.set(metadata.propertyName, rule);
    if (metadata.type === ValidationTypes.CONDITIONAL_VALIDATION) {
      rule.conditions.push(metadata.constraints[0] as (object: object, value: unknown) => boolean);
    } else if (metadata.type === ValidationTypes.NESTED_VALIDATION) {
      rule.nested = nestedClassOf(cls, metadata.propertyName) ?? null;
      if (rule.nested === null) return undefined;
    } else {
      const constraints = storage.getTargetValidatorConstraints(metadata.constraintCls);
      for (const constraint of constraints) {
        if (constraint.async) return undefined;
        const entry = { validate: constraint.instance.validate.bind(constraint.instance), metadata };
        (metadata.type === ValidationTypes.IS_DEFINED ? rule.defined : rule.custom).push(entry);
      }
    }
  }
  const list = [...rules.values()];
  return (object) => {
    if (Object.hasOwn(object, '__proto__') || Object.hasOwn(object, 'constructor')) return false;
    return list.every((rule) => passesRule(cls, object, rule));
  };
}

/** plainToInstance keeps a prototype's getters and methods and a constructor's initial values over the plain ones. */
function instancesAreBare(cls: ContractClass): boolean {
  for (let proto = cls.prototype as object | null; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
    if (Object.getOwnPropertyNames(proto).some((name) => name !== 'constructor')) return false;
  }
  const instance = new cls();
  return Object.values(instance).every((value) => value === undefined);
}

/** class-validator's performValidations for one property, as a yes/no. */
function passesRule(cls: ContractClass, object: object, rule: PropertyRule): boolean {
  const value = (object as Record<string, unknown>)[rule.property];
  if (!rule.conditions.every((condition) => condition(object, value))) return true;
  const args = (metadata: ValidationMetadata): ValidationArguments => ({
    targetName: cls.name, property: metadata.propertyName, object, value, constraints: metadata.constraints as unknown[],
  });
  const passes = ({ validate, metadata }: Constraint): boolean => {
    if (metadata.validateIf && !metadata.validateIf(object, value)) return true;
    const outcome = metadata.each && Array.isArray(value)
      ? value.map((item) => validate(item, args(metadata)))
      : [validate(value, args(metadata))];
    // A promise is truthy whatever it resolves to: not modelled.
    return outcome.every((result) => typeof result === 'boolean' ? result : false);
  };
  if (!rule.defined.every(passes) || !rule.custom.every(passes)) return false;
  return rule.nested ? passesNested(rule.nested, value) : true;
}

/** class-validator's nestedValidations: arrays element by element, objects against the nested class. */
function passesNested(cls: ContractClass, value: unknown): boolean {
  if (value === undefined) return true;
  if (Array.isArray(value)) return value.every((item) => passesNested(cls, item));
  if (typeof value !== 'object' || value === null) return false;
  const check = checkerFor(cls);
  return check !== undefined && check(value);
}
