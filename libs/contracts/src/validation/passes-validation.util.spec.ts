import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { EnvelopeAttributes } from '../envelope/envelope-attributes.schema';
import { EVENT_REGISTRY } from '../events/event.registry';
import { fixtures } from '../fixtures/all-events.fixture';
import type { ContractClass } from './nested-class.registry';
import { passesValidation } from './passes-validation.util';

/** What the fast check must agree with: the class-validator run validateAgainst falls back to. */
const classValidatorAccepts = (cls: ContractClass, value: object): boolean =>
  validateSync(plainToInstance(cls, value), { forbidUnknownValues: true, stopAtFirstError: true }).length === 0;

/** Values a producer might wrongly send where another was expected. */
const REPLACEMENTS: unknown[] = [
  undefined, null, 0, -1, 1.5, 2 ** 60, '', ' ', '\u200b', 'x', 'A'.repeat(300), '2025-02-30', '2025-01-31T10:00:00Z',
  '0b8a3f7e-4f1e-4b6a-9a43-3d8f4f0c9e01', 'EUR', true, [], [{}], [[]], ['x'], {}, { sub: 'a', role: 'csr' },
];

/** The value with the property at `path` replaced (undefined: removed), copied so fixtures stay intact. */
function replaced(value: unknown, path: readonly (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  const inner = replaced(copy[head!], rest, replacement);
  if (inner === undefined && !Array.isArray(copy)) delete copy[head!];
  else copy[head!] = inner;
  return copy;
}

/** Every path into a JSON value, objects and array elements alike. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [];
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return keys.flatMap((key) => [[...prefix, key], ...pathsOf((value as Record<string | number, unknown>)[key], [...prefix, key])]);
}

function variantsOf(value: object): object[] {
  const variants: object[] = [value];
  for (const path of pathsOf(value)) {
    for (const replacement of REPLACEMENTS) variants.push(replaced(value, path, replacement) as object);
  }
  variants.push({ ...value, extra: 'allowed' });
  return variants;
}

describe('passesValidation', () => {
  const envelopes = Object.values(fixtures).map((fixture) => fixture());

  it.each(envelopes.map((envelope) => [envelope.type, envelope] as const))(
    'agrees with class-validator on %s and every field of it replaced by a wrong value',
    (type, envelope) => {
      const dataClass = EVENT_REGISTRY.get(type)!.dataClass;
      const disagreements: string[] = [];
      const compare = (cls: ContractClass, variant: object) => {
        const fast = passesValidation(cls, variant);
        if (fast !== classValidatorAccepts(cls, variant)) disagreements.push(`${cls.name} fast=${fast}: ${JSON.stringify(variant)}`);
      };
      for (const variant of variantsOf(envelope.data as object)) compare(dataClass, variant);
      const attributes = { ...envelope } as object;
      for (const variant of variantsOf(attributes).filter((v) => !('data' in v) || v.data === envelope.data)) compare(EnvelopeAttributes, variant);
      expect(disagreements).toEqual([]);
    },
  );

  it("leaves to class-validator an object with keys that would change its copy's prototype or constructor", () => {
    const envelope = fixtures.orderCreated();
    const dataClass = EVENT_REGISTRY.get(envelope.type)!.dataClass;
    const withKey = (json: string) => ({ ...(JSON.parse(json) as object), ...(envelope.data as object) });
    expect(passesValidation(dataClass, withKey('{"__proto__": {"x": 1}}'))).toBe(false);
    expect(passesValidation(dataClass, withKey('{"constructor": "x"}'))).toBe(false);
  });

  it('accepts every valid fixture without asking class-validator', () => {
    for (const envelope of envelopes) {
      expect(passesValidation(EVENT_REGISTRY.get(envelope.type)!.dataClass, envelope.data as object)).toBe(true);
      expect(passesValidation(EnvelopeAttributes, envelope)).toBe(true);
    }
  });
});
