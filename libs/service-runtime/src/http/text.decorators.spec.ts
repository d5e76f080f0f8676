import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { hasVisibleCharacters, IsOmittable, IsVisibleText } from './text.decorators';

class Sample {
  @IsVisibleText(10)
  name: string;

  @IsOmittable()
  @IsVisibleText(10)
  channel: string = 'web';
}

const failures = (plain: object) => validateSync(plainToInstance(Sample, plain)).map((e) => e.property);

describe('text decorators', () => {
  it.each(['', '   ', '\u200b\u200b', '\u3164', '\ufeff', '\t\n', '\u00a0\u2800'])('treat %j as invisible', (text) => {
    expect(hasVisibleCharacters(text)).toBe(false);
  });

  it('accept text with something visible in it', () => {
    expect(hasVisibleCharacters(' a ')).toBe(true);
    expect(hasVisibleCharacters('ß')).toBe(true);
    expect(failures({ name: 'Ann' })).toEqual([]);
  });

  it('refuse blank, too long and non-string names', () => {
    expect(failures({ name: ' ' })).toEqual(['name']);
    expect(failures({ name: 'x'.repeat(11) })).toEqual(['name']);
    expect(failures({ name: 42 })).toEqual(['name']);
  });

  it('let an omittable field be left out but not be null', () => {
    expect(failures({ name: 'Ann' })).toEqual([]);
    expect(failures({ name: 'Ann', channel: null })).toEqual(['channel']);
  });
});
