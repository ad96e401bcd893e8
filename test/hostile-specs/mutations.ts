/**
 * What a hostile (or careless) spec author writes: edits of a valid spec, as data. Each mutation takes
 * a spec and an index choosing where to strike (modulo the candidate places) and returns a new spec,
 * or undefined when the spec has no such place. Specs are plain JSON: every edit works on a deep copy.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Spec = { [key: string]: Json };

export interface Mutation {
  readonly name: string;
  apply(spec: Spec, at: number): Spec | undefined;
}

const copy = <T extends Json>(value: T): T => structuredClone(value);

/** Every place in the value: its path (keys and indexes) and the value there. */
function places(
  value: Json,
  path: (string | number)[] = [],
): Array<{ path: (string | number)[]; value: Json }> {
  const out = [{ path, value }];
  if (Array.isArray(value)) for (const [i, v] of value.entries()) out.push(...places(v, [...path, i]));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...places(v, [...path, k]));
  return out;
}

function setAt(root: Spec, path: readonly (string | number)[], value: Json): Spec {
  const out = copy(root);
  let node: Json = out;
  for (const key of path.slice(0, -1)) node = (node as Record<string, Json>)[key] as Json;
  (node as Record<string | number, Json>)[path.at(-1) as string] = value;
  return out;
}

const pick = <T>(items: readonly T[], at: number): T | undefined =>
  items.length === 0 ? undefined : items[at % items.length];

/** Replaces a string chosen among those whose path matches `where`. */
function editString(
  name: string,
  where: (path: readonly (string | number)[], value: string) => boolean,
  edit: (value: string, at: number) => Json,
): Mutation {
  return {
    name,
    apply(spec, at) {
      const found = pick(
        places(spec).filter((p) => typeof p.value === 'string' && where(p.path, p.value as string)),
        at,
      );
      return found ? setAt(spec, found.path, edit(found.value as string, at)) : undefined;
    },
  };
}

/** Replaces a number chosen among those under a key of `keys`. */
function editNumber(name: string, keys: readonly string[], value: (at: number) => Json): Mutation {
  return {
    name,
    apply(spec, at) {
      const found = pick(
        places(spec).filter((p) => typeof p.value === 'number' && keys.includes(String(p.path.at(-1)))),
        at,
      );
      return found ? setAt(spec, found.path, value(at)) : undefined;
    },
  };
}

/** Sets `key: value` on a field chosen among those of `kinds`. */
function setOnField(
  name: string,
  kinds: readonly string[],
  key: string,
  value: (at: number) => Json,
): Mutation {
  return {
    name,
    apply(spec, at) {
      const fields = places(spec).filter(
        (p) =>
          p.path.at(-2) === 'fields' &&
          p.value !== null &&
          typeof p.value === 'object' &&
          !Array.isArray(p.value) &&
          kinds.includes(String((p.value as Spec).kind)),
      );
      const found = pick(fields, at);
      return found ? setAt(spec, [...found.path, key], value(at)) : undefined;
    },
  };
}

const last = (path: readonly (string | number)[]) => String(path.at(-1));
const isKeyOf = (path: readonly (string | number)[], owner: string) =>
  last(path) === 'key' && path.includes(owner);
const insertAt = (text: string, at: number, what: string) => {
  const i = at % (text.length + 1);
  return text.slice(0, i) + what + text.slice(i);
};
const anyText = () => true;
const isRule = (path: readonly (string | number)[]) =>
  last(path) === 'rule' || ['required', 'visibleIf', 'computed', 'filter'].includes(last(path));
/** A field key of 63 characters (the most PostgreSQL keeps) that differs from its siblings only at the end. */
const longKey = (value: string, at: number) =>
  `${value}_${'x'.repeat(63)}`.slice(0, 60) + String(at % 1000).padStart(3, '0');

const HOSTILE_TEXT = [
  "'; DROP TABLE suivi.module; --",
  '$$ $body$ $1 \\ \\\\ "',
  "E'\\x00'",
  '%s %n {{x}} $' + '{x}',
  '\u202e\u200b\ufeff',
  '😀'.repeat(3000),
  'é'.repeat(20000),
];
const RESERVED = [
  'select',
  'user',
  'order',
  'table',
  'id',
  'row_version',
  'created_at',
  'organisation_id',
  'geometry',
  'parent_id',
  'all',
  'null',
  'true',
  'oid',
  'ctid',
  'xmin',
];
const HUGE = [
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53 + 2,
  1e20,
  -1e20,
  1e308,
  -1e308,
  5e-324,
  1.7976931348623157e308,
  0.1 + 0.2,
  123456789.12345679,
];

/** Renames an object key chosen among all of them (`edit` gives the new name). */
function editKey(name: string, edit: (key: string, at: number) => string): Mutation {
  return {
    name,
    apply(spec, at) {
      const objects = places(spec).filter(
        (p) =>
          p.value !== null &&
          typeof p.value === 'object' &&
          !Array.isArray(p.value) &&
          Object.keys(p.value).length > 0,
      );
      const found = pick(objects, at);
      if (!found) return undefined;
      const entries = Object.entries(found.value as Spec);
      const i = Math.floor(at / objects.length) % entries.length;
      const renamed = Object.fromEntries(entries.map(([k, v], j) => [j === i ? edit(k, at) : k, v]));
      return found.path.length === 0 ? (renamed as Spec) : setAt(spec, found.path, renamed);
    },
  };
}

/** Gives two fields of one level 63-character keys that differ only in their last character. */
const twinLongKeys: Mutation = {
  name: 'two 63-character field keys sharing 62 characters',
  apply(spec, at) {
    const levels = (spec.levels as Spec[] | undefined) ?? [];
    const original = pick(
      levels.filter((l) => Array.isArray(l.fields) && (l.fields as Json[]).length >= 2),
      at,
    );
    if (!original) return undefined;
    const index = levels.indexOf(original);
    const level = copy(original);
    const fields = level.fields as Spec[];
    const base = `twin_${'k'.repeat(57)}`;
    const chosen = fields.filter((f) => f.kind !== 'section' && f.kind !== 'group').slice(0, 2);
    if (chosen.length < 2) return undefined;
    chosen.forEach((f, i) => {
      const old = f.key as string;
      f.key = `${base}${i}`;
      // Keep the level's lists pointing at existing fields.
      for (const list of ['list', 'detail', 'keep']) {
        const names = level[list];
        if (Array.isArray(names)) level[list] = names.map((n) => (n === old ? f.key : n)) as Json;
      }
    });
    return setAt(spec, ['levels', index], { ...level, fields });
  },
};

/** A rule wrapped in as many parentheses (or negations) as the 2,000 characters of a rule allow. */
const nested = (rule: string, at: number) => {
  const depth = Math.max(0, Math.floor((2000 - rule.length) / 2));
  return at % 2
    ? `${'('.repeat(depth)}${rule}${')'.repeat(depth)}`
    : `${'!!'.repeat(depth / 2)}(${rule})`.slice(0, 2000);
};

export const MUTATIONS: readonly Mutation[] = [
  editString('rule nested as deep as its length allows', isRule, nested),
  editString('rule with numbers at the edges of double precision', isRule, (v, at) =>
    `(${v}) && ${['1e308 > 0', '5e-324 > 0', '9007199254740993 > 9007199254740992', '-1e308 < 0'][at % 4]}`.slice(
      0,
      2000,
    ),
  ),
  editKey('NUL in an object key', (k, at) => insertAt(k, at, '\u0000')),
  twinLongKeys,
  editString('NUL in any text', anyText, (v, at) => insertAt(v, at, '\u0000')),
  editString('lone surrogate in any text', anyText, (v, at) => insertAt(v, at, at % 2 ? '\ud800' : '\udfff')),
  editString('hostile text in any text', anyText, (v, at) =>
    insertAt(v, at, HOSTILE_TEXT[at % HOSTILE_TEXT.length]!),
  ),
  editString(
    'NUL escape in a rule string literal',
    isRule,
    (_v, at) => ['"\'\\u0000\'"', "'\\u0000'", "'a\\0b'", "'\\x00'"][at % 4]!,
  ),
  editString(
    'surrogate escape in a rule string literal',
    isRule,
    (_v, at) => ["'\\ud800'", "'\\udfff'"][at % 2]!,
  ),
  editString('63-character field key', (p) => isKeyOf(p, 'fields'), longKey),
  editString('63-character level key', (p) => isKeyOf(p, 'levels') && !p.includes('fields'), longKey),
  editString(
    'reserved word as a field key',
    (p) => isKeyOf(p, 'fields'),
    (_v, at) => RESERVED[at % RESERVED.length]!,
  ),
  editString(
    'long protocol code',
    (p) => p.length === 1 && p[0] === 'code',
    (v) => `${v}_${'z'.repeat(63)}`.slice(0, 63),
  ),
  editString(
    '50-character vocabulary code',
    (p) => last(p) === 'code' && p.includes('vocabularies'),
    (v, at) => `${v}${'Q'.repeat(50)}`.slice(0, 47) + String(at % 1000).padStart(3, '0'),
  ),
  editString(
    'vocabulary value code differing only by case',
    (p) => last(p) === 'code' && p.includes('values'),
    (v) => (v === v.toLowerCase() ? v.toUpperCase() : v.toLowerCase()),
  ),
  editString(
    'choice differing only by case',
    (p) => p.includes('choices'),
    (v) => (v === v.toLowerCase() ? v.toUpperCase() : v.toLowerCase()),
  ),
  editNumber(
    'number beyond int/numeric ranges in min/max/default',
    ['min', 'max', 'default', 'fixed', 'minItems', 'maxItems', 'maxLength', 'maxFiles', 'decimals'],
    (at) => HUGE[at % HUGE.length]!,
  ),
  setOnField('integer bounds beyond int4', ['integer'], 'max', (at) => HUGE[at % HUGE.length]!),
  setOnField('integer default beyond int4', ['integer'], 'default', (at) => HUGE[at % HUGE.length]!),
  setOnField('decimal bounds beyond numeric', ['decimal'], 'min', (at) => HUGE[at % HUGE.length]!),
  setOnField('decimal default with many digits', ['decimal'], 'default', (at) => HUGE[at % HUGE.length]!),
  setOnField('taxon fixed beyond int4', ['taxon'], 'fixed', (at) => [2 ** 31, 2 ** 53, 1e20][at % 3]!),
  setOnField(
    'text pattern PostgreSQL may not read',
    ['text'],
    'pattern',
    (at) =>
      ['(?<name>a)', '\\p{L}+', 'a{2,1}', '[[:alpha:]]', '(?<=a)b', '\\u0041', '(a)\\1', '[a-'][at % 8]!,
  ),
  setOnField(
    'text default NUL',
    ['text', 'long_text'],
    'default',
    (at) => ['\u0000', { rule: "'\\u0000'" }, 'a\u0000'][at % 3]!,
  ),
  setOnField(
    'date bounds at the calendar edges',
    ['date'],
    'min',
    (at) => ['0001-01-01', '9999-12-31', '2024-02-29', '1900-02-29'][at % 4]!,
  ),
  setOnField(
    'datetime bounds at the edges',
    ['datetime'],
    'max',
    (at) => ['0001-01-01T00:00:00Z', '9999-12-31T23:59:59+14:00', '2025-06-30T23:59:60Z'][at % 3]!,
  ),
  setOnField('huge group bounds', ['group'], 'maxItems', (at) => HUGE[at % HUGE.length]!),
  setOnField(
    'text maxLength at its limit',
    ['text', 'long_text'],
    'maxLength',
    (at) => [10000, 100000, 1][at % 3]!,
  ),
];
