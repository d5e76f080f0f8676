import { getMetadataStorage, ValidationTypes, type ValidationArguments } from 'class-validator';
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

interface Constraint {
  validate: (value: unknown, args: ValidationArguments) => unknown;
  validateIf?: (object: object, value: unknown) => boolean;
  each: boolean;
  /**
   * The arguments class-validator hands the constraint, made once and refilled (object, value) before each call:
   * constraints run synchronously and one at a time, and a fresh object per call was most of this check's garbage.
   */
  args: ValidationArguments;
}

interface PropertyRule {
  property: string;
  conditions: ((object: object, value: unknown) => boolean)[];
  /** IsDefined's constraints first, then the rest: the order class-validator runs them in. */
  constraints: Constraint[];
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
  // While compiling, IsDefined's constraints and the rest are gathered apart, then joined in that order.
  const rules = new Map<string, Omit<PropertyRule, 'constraints'> & { defined: Constraint[]; custom: Constraint[] }>();
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
        const entry: Constraint = {
          validate: constraint.instance.validate.bind(constraint.instance),
          ...(metadata.validateIf && { validateIf: metadata.validateIf }),
          each: metadata.each === true,
          args: { targetName: cls.name, property: metadata.propertyName, object: {}, value: undefined, constraints: metadata.constraints as unknown[] },
        };
        (metadata.type === ValidationTypes.IS_DEFINED ? rule.defined : rule.custom).push(entry);
      }
    }
  }
  const list: PropertyRule[] = [...rules.values()].map(({ defined, custom, ...rule }) => ({ ...rule, constraints: [...defined, ...custom] }));
  return (object) => {
    if (Object.hasOwn(object, '__proto__') || Object.hasOwn(object, 'constructor')) return false;
    for (const rule of list) if (!passesRule(object, rule)) return false;
    return true;
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
function passesRule(object: object, rule: PropertyRule): boolean {
  const value = (object as Record<string, unknown>)[rule.property];
  for (const condition of rule.conditions) if (!condition(object, value)) return true;
  for (const constraint of rule.constraints) if (!passesConstraint(constraint, object, value)) return false;
  return rule.nested ? passesNested(rule.nested, value) : true;
}

/** One constraint on a property's value (each element, for an `each` rule on an array). */
function passesConstraint(constraint: Constraint, object: object, value: unknown): boolean {
  if (constraint.validateIf && !constraint.validateIf(object, value)) return true;
  const { args, validate } = constraint;
  args.object = object;
  args.value = value;
  // Only `true` passes: a promise is truthy whatever it resolves to (not modelled), and so is a stray non-boolean.
  if (!constraint.each || !Array.isArray(value)) return validate(value, args) === true;
  for (const item of value) if (validate(item, args) !== true) return false;
  return true;
}

/** class-validator's nestedValidations: arrays element by element, objects against the nested class. */
function passesNested(cls: ContractClass, value: unknown): boolean {
  if (value === undefined) return true;
  if (Array.isArray(value)) return value.every((item) => passesNested(cls, item));
  if (typeof value !== 'object' || value === null) return false;
  const check = checkerFor(cls);
  return check !== undefined && check(value);
}
