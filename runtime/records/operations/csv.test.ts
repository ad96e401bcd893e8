import { describe, expect, it } from 'vitest';
import { likePattern } from '../query/list-sql.ts';
import { csvField, csvLine } from './csv.ts';

describe('csv', () => {
  it('quotes what RFC 4180 says must be quoted, and nothing else', () => {
    expect(csvField(null)).toBe('');
    expect(csvField('Pont de Cesson')).toBe('Pont de Cesson');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('Grotte "de l\'Ermite"')).toBe('"Grotte ""de l\'Ermite"""');
    expect(csvField('deux\r\nlignes')).toBe('"deux\r\nlignes"');
    expect(csvLine(['1', null, 'x,y'])).toBe('1,,"x,y"\r\n');
  });
});

describe('likePattern', () => {
  it('escapes the wildcards and the escape character', () => {
    expect(likePattern('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
  });
});
