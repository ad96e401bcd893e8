/**
 * One field of the resolved protocol → the JSON Schema of its value. One exhaustive table by kind, so a
 * new kind fails to compile here until it says how its value is shaped.
 */
import type {
  FieldKind,
  ResolvedDefault,
  ResolvedField,
  ResolvedProtocol,
  RuleOr,
} from '../../protocol-specs/index.ts';
import type { FieldOf } from './field-of.ts';
import { geometrySchema } from './geometry-schema.ts';
import { anchoredPattern, type JsonSchema, mimeTypePattern } from './json-schema.ts';

export interface FieldSchemaContext {
  readonly protocol: ResolvedProtocol;
  /** The field is in its object's `required` list: an empty text or list must not satisfy it either. */
  readonly required: boolean;
}

type KindSchema<K extends FieldKind> = (
  field: FieldOf<K>,
  context: FieldSchemaContext,
) => JsonSchema | undefined;

/** HH:MM or HH:MM:SS. Not `format: time`: ajv-formats requires seconds and a time zone there. */
const TIME_PATTERN = '^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$';

const literal = <T>(bound: RuleOr<T> | undefined): T | undefined =>
  bound && 'literal' in bound ? bound.literal : undefined;

/** Keywords whose value is undefined are left out, so the JSON shows only what applies. */
function defined(schema: JsonSchema): JsonSchema {
  return Object.fromEntries(Object.entries(schema).filter(([, v]) => v !== undefined));
}

const nonEmpty = (required: boolean) => (required ? 1 : undefined);

/** Several values: a set, never empty when required (the rule language reads `[]` as empty). */
const listOf = (items: JsonSchema, context: FieldSchemaContext, maxItems?: number): JsonSchema =>
  defined({ type: 'array', items, uniqueItems: true, minItems: nonEmpty(context.required), maxItems });

const oneOrMany = (multiple: boolean, item: JsonSchema, context: FieldSchemaContext): JsonSchema =>
  multiple ? listOf(item, context) : item;

/**
 * Coded values as `enum`; their labels are `ui:enumNames` in the uiSchema. Not `oneOf` of `const`/`title`:
 * RJSF computes a default from the first `const` of a `oneOf`, which silently pre-selects the first value
 * of every select and radio group.
 */
const coded = (codes: readonly string[]): JsonSchema => ({ type: 'string', enum: [...codes] });

/** The taxa a field may hold when they can be listed: its own, else a list or single-species scope. */
export function offeredTaxa(protocol: ResolvedProtocol, field: FieldOf<'taxon'>): readonly number[] {
  if (field.taxa.length > 0) return field.taxa;
  const scope = protocol.taxonomy;
  if (scope.scope === 'list') return scope.taxa;
  return scope.scope === 'species' ? [scope.taxon] : [];
}

const uuid = (): JsonSchema => ({ type: 'string', format: 'uuid' });

function observer(freeText: boolean): JsonSchema {
  return freeText
    ? {
        type: 'object',
        properties: { user_id: uuid(), name: { type: 'string', minLength: 1, maxLength: 255 } },
        minProperties: 1,
        additionalProperties: false,
      }
    : { type: 'object', properties: { user_id: uuid() }, required: ['user_id'], additionalProperties: false };
}

/**
 * An attached file: `storage_key` names a file uploaded with `POST /api/media`, title and author are the
 * record's own words about it. file_name, mime_type and url are what a GET returns; a client may send
 * them back, but the server takes file_name and mime_type from the stored file (the pattern lets the
 * form refuse a file of the wrong type before sending).
 */
function mediaFile(accept: readonly string[]): JsonSchema {
  const words = { type: 'string', maxLength: 255 } as const;
  return {
    type: 'object',
    properties: {
      storage_key: { type: 'string', format: 'uuid' },
      title: words,
      author: words,
      file_name: { type: 'string', minLength: 1, maxLength: 255 },
      mime_type: defined({
        type: 'string',
        pattern: accept.length > 0 ? mimeTypePattern(accept) : undefined,
      }),
      url: { type: 'string' },
    },
    required: ['storage_key'],
    additionalProperties: false,
  };
}

const KIND_SCHEMAS: { readonly [K in FieldKind]: KindSchema<K> } = {
  text: (f, c) => textSchema(f, c),
  long_text: (f, c) => textSchema(f, c),
  integer: (f) => numberSchema('integer', f),
  decimal: (f) => numberSchema('number', f),
  boolean: () => ({ type: 'boolean' }),
  date: (f) =>
    defined({ type: 'string', format: 'date', formatMinimum: literal(f.min), formatMaximum: literal(f.max) }),
  // Literal time bounds cannot be said in JSON Schema without a format: rules.json carries them.
  time: () => ({ type: 'string', pattern: TIME_PATTERN }),
  datetime: (f) =>
    defined({
      type: 'string',
      format: 'date-time',
      formatMinimum: literal(f.min),
      formatMaximum: literal(f.max),
    }),
  choice: (f, c) => oneOrMany(f.multiple, coded(f.choices.map((x) => x.value)), c),
  vocabulary: (f, c) => oneOrMany(f.multiple, coded(f.codes), c),
  taxon: (f, c) => {
    if (f.fixed !== undefined) return { type: 'integer', const: f.fixed };
    const taxa = offeredTaxa(c.protocol, f);
    return taxa.length > 0 ? { type: 'integer', enum: [...taxa] } : { type: 'integer', minimum: 1 };
  },
  observers: (f, c) => oneOrMany(f.multiple, observer(f.freeText), c),
  dataset: (f) => (f.datasets.length > 0 ? { ...uuid(), enum: [...f.datasets] } : uuid()),
  habitat: (f, c) =>
    oneOrMany(f.multiple, f.codes.length > 0 ? coded(f.codes) : { type: 'string', minLength: 1 }, c),
  reference: (f, c) => oneOrMany(f.multiple, uuid(), c),
  media: (f, c) => listOf(mediaFile(f.accept), c, f.maxFiles),
  geometry: (f) => geometrySchema(f.geometry),
  group: (f, c) =>
    defined({
      type: 'array',
      items: objectSchema(f.fields, c.protocol),
      minItems: f.minItems > 0 ? f.minItems : undefined,
      maxItems: f.maxItems,
    }),
  section: () => undefined,
};

function textSchema(field: FieldOf<'text' | 'long_text'>, context: FieldSchemaContext): JsonSchema {
  return defined({
    type: 'string',
    minLength: nonEmpty(context.required),
    maxLength: field.maxLength,
    pattern: field.kind === 'text' && field.pattern ? anchoredPattern(field.pattern) : undefined,
  });
}

function numberSchema(type: 'integer' | 'number', field: FieldOf<'integer' | 'decimal'>): JsonSchema {
  return defined({ type, minimum: literal(field.min), maximum: literal(field.max) });
}

/** A literal default, as the form's initial value; rule defaults are evaluated by the form (rules.json). */
function defaultValue(field: ResolvedField, value: ResolvedDefault | undefined): unknown {
  if (field.kind === 'taxon' && field.fixed !== undefined) return field.fixed;
  if (value === undefined || value.kind === 'rule') return undefined;
  if (value.kind === 'codes')
    return 'multiple' in field && field.multiple ? [...value.codes] : value.codes[0];
  return Array.isArray(value.value) ? [...value.value] : value.value;
}

/**
 * In the schema's `required` list only when nothing else decides: a field with a visibility rule is
 * required only while shown, and a computed one is filled by the server on save (rules.json says both).
 */
export const requiredInSchema = (field: ResolvedField): boolean =>
  field.required === true && field.visibleIf === undefined && field.computed === undefined;

/** The schema of one field's value, or undefined for a section (it stores nothing). */
export function fieldSchema(field: ResolvedField, protocol: ResolvedProtocol): JsonSchema | undefined {
  const context = { protocol, required: requiredInSchema(field) };
  const value = (KIND_SCHEMAS[field.kind] as KindSchema<FieldKind>)(field, context);
  if (value === undefined) return undefined;
  return defined({
    title: field.label.fr,
    description: field.help?.fr,
    ...value,
    default: defaultValue(field, field.default),
  });
}

/** An object of fields (a level's record, a group's row): properties in form order, no others allowed. */
export function objectSchema(
  fields: readonly ResolvedField[],
  protocol: ResolvedProtocol,
  leading: Readonly<Record<string, JsonSchema>> = {},
  leadingRequired: readonly string[] = [],
): JsonSchema {
  const properties: Record<string, JsonSchema> = { ...leading };
  const required = [...leadingRequired];
  for (const field of fields) {
    const schema = fieldSchema(field, protocol);
    if (schema === undefined) continue;
    properties[field.key] = schema;
    if (requiredInSchema(field)) required.push(field.key);
  }
  return defined({
    type: 'object',
    properties,
    required: required.length > 0 ? required : undefined,
    additionalProperties: false,
  });
}
