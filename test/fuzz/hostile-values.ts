/**
 * Hostile inputs, independent of any schema: what a careless or malicious client sends. JSON values,
 * raw JSON text no JavaScript value serialises to (5,000 levels of nesting, numbers beyond a double),
 * query-string values (already percent-encoded where the encoding is the point) and whole bodies.
 */
import fc from 'fast-check';

/** JSON text inserted as is where a value goes (`JSON.stringify` cannot write these). */
export class RawJson {
  constructor(readonly text: string) {}
}

/** `depth` levels of arrays, or of objects: the probe's crash was about 5,000 levels in a 10 kB body. */
export const deepArray = (depth: number) => new RawJson(`${'['.repeat(depth)}${']'.repeat(depth)}`);
export const deepObject = (depth: number) => new RawJson(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);

/** Strings no form would produce. */
export const HOSTILE_STRINGS: readonly string[] = [
  '\u0000',
  'a\u0000b',
  'NUL at the end\u0000',
  '\uD800',
  'lone low \uDC00 surrogate',
  '\uDBFF\uDBFF',
  '\uFEFF',
  '\u202Egnp.exe',
  'ﷺ'.repeat(100),
  '𝕊'.repeat(300),
  'x'.repeat(10_000),
  'é'.repeat(100_000),
  ' ',
  '\t\n\r',
  "'; DROP TABLE suivi.app_user; --",
  '" OR 1=1 --',
  '%00',
  '%',
  '\\',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, on purpose
  '{{7*7}}${7*7}',
  '2025-13-01',
  '2025-00-10',
  '2025-99-99',
  '2025-02-30',
  '2025-02-29',
  '0000-00-00',
  '+275760-09-13',
  '-000001-01-01',
  '2025-06-01T25:61:61Z',
  '2025-06-01T12:00:00+25:00',
  '24:00',
  '99:99:99',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e400',
  '-0',
  '0x1F',
  '١٢٣',
  'true',
  'null',
  '[]',
  '{}',
  'POINT(1 2)',
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
];

/** Numbers at and past every limit a database column or a double has. */
export const HOSTILE_NUMBERS: readonly (number | RawJson)[] = [
  0,
  -1,
  -0,
  0.5,
  2147483647,
  2147483648,
  -2147483649,
  new RawJson('9007199254740993'),
  Number.MAX_SAFE_INTEGER,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MIN_VALUE,
  1e21,
  new RawJson('1e400'),
  new RawJson('-1e400'),
  new RawJson('1e-400'),
  new RawJson('123456789012345678901234567890123456789'),
  new RawJson('-0.0'),
  new RawJson('1E+2'),
];

/** Values of every other type, and structures no schema expects. */
export const HOSTILE_SHAPES: readonly unknown[] = [
  null,
  true,
  false,
  '',
  [],
  {},
  [null],
  [[[]]],
  { '': '' },
  { '\u0000': 1 },
  new RawJson('{"__proto__":{"polluted":true}}'),
  new RawJson('{"constructor":{"prototype":{"polluted":true}}}'),
  new RawJson('{"a":1,"a":2}'),
  Array.from({ length: 5_000 }, () => 0),
  Object.fromEntries(Array.from({ length: 2_000 }, (_, i) => [`k${i}`, i])),
  deepArray(100),
  deepArray(3_000),
  deepArray(5_000),
  deepObject(5_000),
  { type: 'Point', coordinates: [1, 2, 3] },
  { type: 'Point', coordinates: [200, 100] },
  { type: 'Point', coordinates: [new RawJson('1e400'), 0] },
  {
    type: 'Polygon',
    coordinates: [
      [
        [0, 0],
        [1, 1],
        [0, 0],
      ],
    ],
  },
  { type: 'LineString', coordinates: [[0, 0]] },
  { type: 'GeometryCollection', geometries: [] },
  { type: 'Point', coordinates: [1, 2], crs: { type: 'name', properties: { name: 'EPSG:2154' } } },
];

const NUL = ['\u0000', 'a\u0000b', 'NUL at the end\u0000', '\u0000'.repeat(10)];
const SURROGATES = ['\uD800', 'lone low \uDC00 surrogate', '\uDBFF\uDBFF', 'ok \uD83D'];
const IMPOSSIBLE_DATES = [
  '2025-13-01',
  '2025-00-10',
  '2025-99-99',
  '2025-02-30',
  '0000-00-00',
  '+275760-09-13',
];
const LONG = ['x'.repeat(10_000), 'é'.repeat(100_000), '𝕊'.repeat(300)];
const DEEP = [deepArray(3_000), deepArray(5_000), deepObject(5_000), deepArray(100)];

/**
 * Any hostile JSON value. The probe's crashes get a class each (NUL bytes, lone surrogates, impossible
 * dates, deep nesting, numbers past a double, long strings), so that a few runs per route meet every one.
 */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...NUL),
  fc.constantFrom(...SURROGATES),
  fc.constantFrom(...IMPOSSIBLE_DATES),
  fc.constantFrom(...DEEP),
  fc.constantFrom(...HOSTILE_NUMBERS),
  fc.constantFrom(...LONG),
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.constantFrom(...HOSTILE_SHAPES),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

/** Hostile values aimed at a value of these JSON types: text gets NUL bytes, numbers get 1e400… */
export function hostileFor(types: readonly string[]): fc.Arbitrary<unknown> {
  const aimed: fc.Arbitrary<unknown>[] = [fc.constantFrom(...DEEP)];
  if (types.includes('string'))
    aimed.push(
      fc.constantFrom(...NUL),
      fc.constantFrom(...NUL),
      fc.constantFrom(...SURROGATES),
      fc.constantFrom(...LONG),
    );
  if (types.includes('integer') || types.includes('number')) aimed.push(fc.constantFrom(...HOSTILE_NUMBERS));
  if (types.includes('array') || types.includes('object')) aimed.push(fc.constantFrom(...HOSTILE_SHAPES));
  return fc.oneof({ weight: 2, arbitrary: hostileValue }, ...aimed);
}

/** Whole request bodies that are not JSON, or not the JSON a route expects (text or bytes). */
export const HOSTILE_BODIES: readonly (string | Uint8Array<ArrayBuffer>)[] = [
  '',
  ' ',
  '{',
  '{"a":',
  '{"a":1,}',
  '{"a":1}{"b":2}',
  "{'a':1}",
  'NaN',
  'null',
  '"text"',
  '[]',
  '[{}]',
  '\uFEFF{}',
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
  `${'['.repeat(5_000)}${']'.repeat(5_000)}`,
  `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
  new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]),
  new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]),
  new Uint8Array([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]),
];

/** Query-string values, already percent-encoded: malformed escapes, encoded NUL and lone surrogates… */
const QUERY_CLASSES: readonly (readonly string[])[] = [
  ['%00', 'a%00b', 'x%00'],
  ['%', '%zz', '%E0%A4%A', '%ED%A0%80', 'a%ED%B0%80b', '%C0%AE', '%FF'],
  ['2025-13-01', '2025-00-10', '2025-99-99', '2025-02-30', '0000-01-01', '2025-06-01T25:00:00Z'],
  ['-1', '0', '1e400', '99999999999999999999', '1.5', 'NaN', 'Infinity', '0x10', '%2B1', '-0'],
  [',', ',,', 'a,,b', '+', '%26%3D', '[]', '%5B%5D', '-', '--', '-id,id', '1,2,3', '1,2,3,4,5'],
  ['x'.repeat(5_000), '%C3%A9'.repeat(3_000), '180,90,-180,-90', 'Infinity,0,1,1', '1e400,0,1,1'],
  ['00000000-0000-0000-0000-000000000000', 'true', 'null', '%20', '%09%0A'],
];

export const hostileQueryValue: fc.Arbitrary<string> = fc.oneof(
  ...QUERY_CLASSES.map((values) => fc.constantFrom(...values)),
);

/** Every hostile query value, for the names no document lists. */
export const HOSTILE_QUERY_VALUES: readonly string[] = QUERY_CLASSES.flat();
