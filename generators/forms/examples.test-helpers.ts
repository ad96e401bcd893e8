/**
 * Test support shared by the forms and types suites: the example protocols, compiled, and a valid sample
 * record for any level, built from the IR (so every level of every example is exercised, not a few).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import {
  compileProtocol,
  type FieldKind,
  type GeometryKind,
  type ResolvedField,
  type ResolvedLevel,
  type ResolvedProtocol,
  type RuleOr,
} from '../../protocol-specs/index.ts';
import type { GeneratorContext } from '../core/generated-file.ts';
import type { FieldOf } from './field-of.ts';
import { offeredTaxa } from './field-schema.ts';
import { LEVEL_GEOMETRY_KEY } from './level-schema.ts';

export interface Example {
  readonly code: string;
  readonly protocol: ResolvedProtocol;
  readonly context: GeneratorContext;
}

const root = new URL('../../examples/', import.meta.url);

export const EXAMPLES: readonly Example[] = readdirSync(root, { withFileTypes: true })
  .filter((e) => e.isDirectory() && existsSync(new URL(`${e.name}/protocol.json`, root)))
  .map((e) => e.name)
  .sort()
  .map((code) => {
    const specPath = `examples/${code}/protocol.json`;
    const result = compileProtocol(JSON.parse(readFileSync(new URL(`${code}/protocol.json`, root), 'utf8')));
    if (!result.ok) throw new Error(`${specPath} does not compile: ${JSON.stringify(result.diagnostics)}`);
    return { code, protocol: result.protocol, context: { specPath } };
  });

export const example = (code: string): Example => {
  const found = EXAMPLES.find((e) => e.code === code);
  if (!found) throw new Error(`no example ${code}`);
  return found;
};

export const levelOf = (protocol: ResolvedProtocol, key: string): ResolvedLevel => {
  const found = protocol.levels.find((l) => l.key === key);
  if (!found) throw new Error(`no level ${key} in ${protocol.code}`);
  return found;
};

export const UUID = '0b7d3c9e-1f2a-4c5b-8d6e-9f0a1b2c3d4e';

/** Values for the patterned texts of the examples: a pattern cannot be sampled in general. */
const PATTERNED: Readonly<Record<string, string>> = {
  municipality_code: '35238',
  owner_phone: '02 99 00 00 00',
  owner_email: 'proprietaire@example.fr',
  sites_group_code: '350123',
  sample_code: 'ABC-2025-017',
};

const GEOMETRIES: Readonly<Record<GeometryKind, unknown>> = {
  point: { type: 'Point', coordinates: [-1.68, 48.11] },
  line: {
    type: 'LineString',
    coordinates: [
      [-1.68, 48.11],
      [-1.67, 48.12],
    ],
  },
  polygon: {
    type: 'Polygon',
    coordinates: [
      [
        [-1.68, 48.11],
        [-1.67, 48.11],
        [-1.67, 48.12],
        [-1.68, 48.11],
      ],
    ],
  },
  any: { type: 'Point', coordinates: [-1.68, 48.11, 35] },
};

const literalOf = <T>(b: RuleOr<T> | undefined): T | undefined =>
  b && 'literal' in b ? b.literal : undefined;

function number(field: FieldOf<'integer' | 'decimal'>): number {
  const min = literalOf(field.min);
  const max = literalOf(field.max);
  if (min !== undefined) return min;
  return max !== undefined && max < 1 ? max : 1;
}

const one = (multiple: boolean, value: unknown) => (multiple ? [value] : value);

type Sampler<K extends FieldKind> = (field: FieldOf<K>, protocol: ResolvedProtocol) => unknown;

const SAMPLES: { readonly [K in FieldKind]: Sampler<K> } = {
  text: (f) => PATTERNED[f.key] ?? (f.pattern ? undefined : 'Texte'.slice(0, f.maxLength ?? 5)),
  long_text: () => 'Un texte\nsur deux lignes',
  integer: (f) => number(f),
  decimal: (f) => number(f),
  boolean: () => true,
  date: () => '2024-05-12',
  time: () => '20:30',
  datetime: () => '2024-05-12T21:30:00+02:00',
  choice: (f) => one(f.multiple, f.choices[0]?.value),
  vocabulary: (f) => one(f.multiple, f.codes[0]),
  taxon: (f, p) => f.fixed ?? offeredTaxa(p, f)[0] ?? 212,
  observers: (f) => one(f.multiple, { user_id: UUID }),
  dataset: (f) => f.datasets[0] ?? UUID,
  habitat: (f) => one(f.multiple, f.codes[0] ?? 'E2.2'),
  reference: (f) => one(f.multiple, UUID),
  media: (f) => [
    {
      file_name: 'piece.bin',
      mime_type: (f.accept[0] ?? 'image/jpeg').replace('/*', '/mpeg'),
      storage_key: '0b7e6c2a-5d1f-4c8e-9a3b-2f4d6e8a1c3b',
    },
  ],
  geometry: (f) => GEOMETRIES[f.geometry],
  group: (f, p) => Array.from({ length: Math.max(f.minItems, 1) }, () => sampleObject(f.fields, p)),
  section: () => undefined,
};

function sampleObject(fields: readonly ResolvedField[], protocol: ResolvedProtocol): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const field of fields) {
    const value = (SAMPLES[field.kind] as Sampler<FieldKind>)(field, protocol);
    if (value !== undefined) record[field.key] = value;
  }
  return record;
}

/** A record of the level with every field filled with a valid value (visibility is the form's business). */
export function sampleRecord(protocol: ResolvedProtocol, level: ResolvedLevel): Record<string, unknown> {
  const geometry =
    level.geometry.kind === 'none' ? {} : { [LEVEL_GEOMETRY_KEY]: GEOMETRIES[level.geometry.kind] };
  return { ...geometry, ...sampleObject(level.fields, protocol) };
}
