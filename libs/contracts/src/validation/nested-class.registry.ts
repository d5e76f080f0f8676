/** A contract class, as the event registry and the nested decorators name it. */
export type ContractClass = new () => object;

/** Per contract class, the class each NestedObject / NestedArray property holds (what its class-transformer @Type names). */
const nestedClasses = new Map<object, Map<string, ContractClass>>();

/** Called by NestedObject and NestedArray when they decorate `key` of `target` (a prototype). */
export function recordNestedClass(target: object, key: string | symbol, cls: ContractClass): void {
  if (typeof key !== 'string') return;
  const byProperty = nestedClasses.get(target) ?? new Map<string, ContractClass>();
  byProperty.set(key, cls);
  nestedClasses.set(target, byProperty);
}

/** The nested class of `property` on `cls` or an ancestor, as class-transformer would find it. */
export function nestedClassOf(cls: ContractClass, property: string): ContractClass | undefined {
  for (let proto = cls.prototype as object | null; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
    const found = nestedClasses.get(proto)?.get(property);
    if (found) return found;
  }
  return undefined;
}
