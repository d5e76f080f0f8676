import { inputSafetyErrors, MAX_INPUT_DEPTH, textProblem } from './input-safety';

describe('inputSafetyErrors', () => {
  it('accepts ordinary bodies, including astral characters made of valid surrogate pairs', () => {
    expect(inputSafetyErrors({ name: 'Koffie ☕ 😀', lines: [{ productId: 'a', quantity: 1 }] })).toEqual([]);
  });

  it('names the field holding a NUL or a lone surrogate', () => {
    expect(inputSafetyErrors({ lines: [{ sku: 'A\u0000B' }], name: 'x\ud800' }).map((e) => e.field).sort()).toEqual(['lines.0.sku', 'name']);
    expect(textProblem('\udc00')).toMatch(/surrogate/);
  });

  it('refuses prototype keys and keys with NUL wherever they are', () => {
    const body = JSON.parse('{"a":{"__proto__":{"polluted":true}},"constructor":1,"b\\u0000":2}') as object;
    expect(inputSafetyErrors(body).map((e) => e.field).sort()).toEqual(['a.__proto__', 'b\u0000', 'constructor']);
  });

  it('stops at the depth limit without recursing, however deep the body', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i += 1) deep = [deep];
    const [error] = inputSafetyErrors({ lines: deep });
    expect(error!.field.split('.')).toHaveLength(MAX_INPUT_DEPTH);
    expect(error!.messages[0]).toMatch(/nested deeper/);
  });

  it('checks a single path parameter under its own name', () => {
    expect(inputSafetyErrors('AMS\u0000', 'code')).toEqual([{ field: 'code', messages: ['code must not contain NUL characters (\\u0000)'] }]);
  });
});
