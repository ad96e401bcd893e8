/** Examples of the patterns the example protocols use, and patterns we do not try to explain. */
import { describe, expect, it } from 'vitest';
import { patternExample } from './pattern-example.ts';

describe('patternExample', () => {
  it.each([
    ['^(2[AB]|[0-9]{2})[0-9]{3}$', '2A123'],
    ['^(?:^(2[AB]|[0-9]{2})[0-9]{3}$)$', '2A123'],
    ['^[A-Z]{2,4}-[0-9]{4}-[0-9]{3}$', 'AB-1234-123'],
    ['^[0-9]{6}$', '123456'],
    ['^\\+?[0-9 .]{6,20}$', '123456'],
    ['^[^@ ]+@[^@ ]+\\.[^@ ]+$', 'abc@abc.abc'],
    ['^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$', '01:11'],
    ['a|b', 'a'],
  ])('%s → %s', (pattern, example) => {
    expect(patternExample(pattern)).toBe(example);
    expect(new RegExp(pattern).test(example)).toBe(true);
  });

  it.each(['^(?=a)a$', '(a)\\1', '[', 'a{2', '^\\p{L}+$', '^$'])('gives up on %s', (pattern) => {
    expect(patternExample(pattern)).toBeUndefined();
  });
});
