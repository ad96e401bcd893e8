/**
 * A level's uiSchema for @rjsf/core: order, widgets, read-only state and options. One exhaustive table by
 * kind, so a new kind must say how it is entered before this compiles.
 */
import type {
  FieldKind,
  ResolvedField,
  ResolvedLevel,
  ResolvedProtocol,
} from '../../protocol-specs/index.ts';
import type { FieldOf } from './field-of.ts';
import { LEVEL_GEOMETRY_KEY } from './level-schema.ts';
import type { CustomField, CustomWidget } from './widgets.ts';
import { SECTION_FIELD } from './widgets.ts';

export type UiSchema = { [key: string]: unknown };

type KindUi<K extends FieldKind> = (field: FieldOf<K>, protocol: ResolvedProtocol) => UiSchema;

type BuiltInWidget = 'checkboxes' | 'radio' | 'select' | 'textarea' | 'time';
const widget = (name: BuiltInWidget | CustomWidget, options?: Record<string, unknown>): UiSchema =>
  withOptions({ 'ui:widget': name }, options);
const field = (name: CustomField | typeof SECTION_FIELD, options?: Record<string, unknown>): UiSchema =>
  withOptions({ 'ui:field': name }, options);

/** Options with sorted keys and no undefined values: their order means nothing, the bytes must not move. */
function withOptions(entry: UiSchema, options: Record<string, unknown> | undefined): UiSchema {
  const { 'ui:options': current, ...rest } = entry;
  const merged = Object.entries({ ...(current as Record<string, unknown> | undefined), ...options })
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return merged.length === 0 ? rest : { ...rest, 'ui:options': Object.fromEntries(merged) };
}

/** A single value cannot be ticked in checkboxes: a single `checkbox` choice shows as radio buttons. */
function choiceWidget(display: 'select' | 'radio' | 'checkbox', multiple: boolean): BuiltInWidget {
  if (display === 'select') return 'select';
  return multiple ? 'checkboxes' : 'radio';
}

/** Labels of the codes a vocabulary field offers, aligned with the schema's `enum`. */
function vocabularyLabels(protocol: ResolvedProtocol, field: FieldOf<'vocabulary'>): string[] {
  const values = protocol.vocabularies.find((v) => v.code === field.vocabulary)?.values ?? [];
  return field.codes.map((code) => values.find((v) => v.code === code)?.label.fr ?? code);
}

const KIND_UI: { readonly [K in FieldKind]: KindUi<K> } = {
  text: () => ({}),
  long_text: () => widget('textarea'),
  integer: (f) => withOptions({}, { unit: f.unit }),
  decimal: (f) => withOptions({}, { unit: f.unit, decimals: f.decimals }),
  boolean: () => ({}),
  date: () => ({}),
  time: () => widget('time'),
  datetime: () => ({}),
  choice: (f) => ({
    ...widget(choiceWidget(f.display, f.multiple)),
    'ui:enumNames': f.choices.map((c) => c.label.fr),
  }),
  vocabulary: (f, p) => ({
    ...widget('vocabulary', { vocabulary: f.vocabulary, display: f.display, multiple: f.multiple }),
    'ui:enumNames': vocabularyLabels(p, f),
  }),
  taxon: (f, p) => ({
    ...widget('taxon', { taxonomy: p.taxonomy, fixed: f.fixed }),
    ...(f.fixed !== undefined ? { 'ui:readonly': true } : {}),
  }),
  observers: (f) => field('observers', { multiple: f.multiple, freeText: f.freeText }),
  dataset: () => widget('dataset'),
  habitat: (f) => widget('habitat', { typology: f.typology, multiple: f.multiple }),
  reference: (f) => widget('record', { level: f.level, multiple: f.multiple }),
  media: (f) => widget('media', { accept: [...f.accept], maxFiles: f.maxFiles }),
  geometry: (f) => field('map', { geometry: f.geometry }),
  group: (f, p) => ({ items: objectUi(f.fields, p, []) }),
  section: (f) => ({ ...field(SECTION_FIELD), 'ui:title': f.label.fr, 'ui:description': f.help?.fr }),
};

function fieldUi(f: ResolvedField, protocol: ResolvedProtocol, keep: readonly string[]): UiSchema {
  const entry = (KIND_UI[f.kind] as KindUi<FieldKind>)(f, protocol);
  const readOnly = f.readOnly ? { 'ui:readonly': true } : {};
  // `keep`: the value carries over when the user saves and adds the next record. `fieldSet`: the set the
  // field comes from (its id), should the app group such fields under the set's label.
  return withOptions(
    { ...entry, ...readOnly },
    { keep: keep.includes(f.key) ? true : undefined, fieldSet: f.fieldSet },
  );
}

/** Standard fields (by id) a form shows after the protocol's own. */
const TRAILING_STANDARD_FIELDS: readonly string[] = ['std.comments', 'std.medias'];

/** The uiSchema of an object of fields: `ui:order` (sections included, as heading positions) and entries. */
function objectUi(
  fields: readonly ResolvedField[],
  protocol: ResolvedProtocol,
  keep: readonly string[],
  leading: Readonly<Record<string, UiSchema>> = {},
): UiSchema {
  // The protocol's own fields first: the generic comment and media come last, after what was observed.
  const last = fields.filter((f) => TRAILING_STANDARD_FIELDS.includes(f.id));
  const first = fields.filter((f) => !last.includes(f));
  const ui: UiSchema = { 'ui:order': [...Object.keys(leading), ...[...first, ...last].map((f) => f.key)] };
  for (const [key, entry] of Object.entries(leading)) ui[key] = entry;
  for (const f of fields) {
    // Plain JSON: drops undefined values and shares nothing with the frozen protocol.
    const entry = JSON.parse(JSON.stringify(fieldUi(f, protocol, keep))) as UiSchema;
    if (Object.keys(entry).length > 0) ui[f.key] = entry;
  }
  return ui;
}

export function buildLevelUiSchema(protocol: ResolvedProtocol, level: ResolvedLevel): UiSchema {
  const { kind } = level.geometry;
  const geometry: Record<string, UiSchema> =
    kind === 'none' ? {} : { [LEVEL_GEOMETRY_KEY]: field('map', { geometry: kind, level: true }) };
  return objectUi(level.fields, protocol, level.keep, geometry);
}
