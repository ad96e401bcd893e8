/**
 * What an import can fill in a module: per level, the fields a template may map, each with its kind,
 * labels, whether it is required and, for coded fields, the codes and their labels. Read from the
 * module as the runtime loaded it (the resolved protocol of the generated folder's ir/): never a second
 * derivation of the spec. Shared by the template check (templates/) and the suggestions (suggest/).
 */
import type { FieldKind, Labels, ResolvedField } from '../../protocol-specs/index.ts';
import type { LevelRuntime, ModuleRuntime } from '../modules/load.ts';

/** The ways a field's value can come from a file (FieldMapping's variants). */
export type MappingKind = 'column' | 'constant' | 'taxon' | 'xy' | 'wkt' | 'geojson' | 'feature_geometry';

const SCALAR: readonly MappingKind[] = ['column', 'constant'];
const GEOMETRY: readonly MappingKind[] = ['xy', 'wkt', 'geojson', 'feature_geometry'];

/**
 * The mappings each field kind accepts. Media, groups (repeated sub-tables) and sections hold nothing a
 * cell can give: not importable. A new field kind fails to compile here until it says how it imports.
 */
export const MAPPINGS_BY_KIND = {
  text: SCALAR,
  long_text: SCALAR,
  integer: SCALAR,
  decimal: SCALAR,
  boolean: SCALAR,
  date: SCALAR,
  time: SCALAR,
  datetime: SCALAR,
  choice: SCALAR,
  vocabulary: SCALAR,
  taxon: ['taxon', 'constant'],
  observers: SCALAR,
  dataset: SCALAR,
  habitat: SCALAR,
  reference: SCALAR,
  media: [],
  geometry: GEOMETRY,
  group: [],
  section: [],
} as const satisfies Record<FieldKind, readonly MappingKind[]>;

/** The level's own geometry is the body key `geometry`, not a field of the spec. */
export const LEVEL_GEOMETRY_KEY = 'geometry';

export interface ImportableCode {
  readonly code: string;
  readonly label: Labels;
}

export interface ImportableField {
  readonly key: string;
  readonly kind: FieldKind;
  readonly label: Labels;
  /** true, false, or 'conditional' (a rule decides). */
  readonly required: boolean | 'conditional';
  /** Several values in one cell (choices, observers…). */
  readonly multiple: boolean;
  /** Computed by the module's rules: the API recomputes it, a file cannot set it. */
  readonly computed: boolean;
  /** Choice and vocabulary fields: the codes the field takes, with their labels. */
  readonly codes?: readonly ImportableCode[];
  /** Other names the spec knows the field by (GeoNature's, for one). */
  readonly aliases: readonly string[];
  readonly mappings: readonly MappingKind[];
}

function codesOf(module: ModuleRuntime, field: ResolvedField): readonly ImportableCode[] | undefined {
  if (field.kind === 'choice') return field.choices.map((c) => ({ code: c.value, label: c.label }));
  if (field.kind !== 'vocabulary') return undefined;
  const vocabulary = module.protocol.vocabularies.find((v) => v.code === field.vocabulary);
  const offered = new Set(field.codes);
  return (vocabulary?.values ?? [])
    .filter((v) => offered.size === 0 || offered.has(v.code))
    .map((v) => ({ code: v.code, label: v.label }));
}

const multipleOf = (field: ResolvedField): boolean =>
  'multiple' in field && typeof field.multiple === 'boolean' ? field.multiple : false;

/** Every field of `level` with its import facts, the level's geometry first when it has one. */
export function levelFields(module: ModuleRuntime, level: LevelRuntime): readonly ImportableField[] {
  const fields: ImportableField[] = [];
  const { geometry } = level.level;
  if (geometry.kind !== 'none') {
    fields.push({
      key: LEVEL_GEOMETRY_KEY,
      kind: 'geometry',
      label: { fr: 'Géométrie', en: 'Geometry' },
      required: geometry.required,
      multiple: false,
      computed: false,
      aliases: [],
      mappings: GEOMETRY,
    });
  }
  for (const field of level.level.fields) {
    const codes = codesOf(module, field);
    fields.push({
      key: field.key,
      kind: field.kind,
      label: field.label,
      required: typeof field.required === 'boolean' ? field.required : 'conditional',
      multiple: multipleOf(field),
      computed: field.computed !== undefined,
      aliases: field.aliases,
      mappings: MAPPINGS_BY_KIND[field.kind],
      ...(codes ? { codes } : {}),
    });
  }
  return fields;
}

/** The fields a template may map: importable, not computed. */
export const mappableFields = (fields: readonly ImportableField[]): readonly ImportableField[] =>
  fields.filter((f) => f.mappings.length > 0 && !f.computed);

/** Every level above `levelKey` (parents, their parents…), nearest first, without repeats. */
export function ancestorsOf(module: ModuleRuntime, levelKey: string): readonly string[] {
  const seen: string[] = [];
  const queue = [...(module.levels.find((l) => l.key === levelKey)?.parents ?? [])];
  while (queue.length > 0) {
    const key = queue.shift() as string;
    if (seen.includes(key)) continue;
    seen.push(key);
    queue.push(...(module.levels.find((l) => l.key === key)?.parents ?? []));
  }
  return seen;
}
