/** One JSON Schema branch per field kind, selected by the `kind` discriminator so errors speak of one kind only. */
import {
  cdNom,
  geometryKind,
  isoDate,
  isoDateTime,
  isoTime,
  type JsonSchema,
  label,
  requiredSlot,
  rule,
  ruleObject,
  sqlIdentifier,
  stableId,
  uuid,
  vocabularyCode,
} from './common.ts';

/** Every field kind the spec language knows. Emitters map each through an exhaustive Record<FieldKind, …>. */
export const FIELD_KINDS = [
  'text',
  'long_text',
  'integer',
  'decimal',
  'boolean',
  'date',
  'time',
  'datetime',
  'choice',
  'vocabulary',
  'taxon',
  'observers',
  'dataset',
  'habitat',
  'reference',
  'media',
  'geometry',
  'group',
  'section',
] as const;

const identity = {
  id: stableId,
  key: sqlIdentifier,
  label,
  help: { ...label, description: 'Help text shown under the input and in the data dictionary.' },
  aliases: {
    type: 'array',
    items: { type: 'string' },
    description: 'Former or foreign keys of this field (e.g. the original GeoNature key); used by imports.',
  },
  // Dashboards (docs/dashboards.md). Accepted on every kind by the shape so the semantic check can say
  // why a kind cannot carry them (rules dimension-kind, measure-kind) instead of "unknown property".
  dimension: {
    type: 'boolean',
    description:
      'Dashboards count the records by each value of this field (single-valued choice or vocabulary fields only).',
  },
  measure: {
    enum: ['sum'],
    description:
      'Dashboards show the sum of this field per month and in total (integer or decimal fields only).',
  },
};

const valueSlots = {
  required: requiredSlot,
  visibleIf: {
    ...rule,
    description: 'The field is shown (and stored) only when this rule is true; hidden values are cleared.',
  },
  readOnly: { type: 'boolean', description: 'Shown but not editable. Computed fields are always read-only.' },
  computed: {
    ...rule,
    description: 'The value is computed from this rule on every save; the field is read-only.',
  },
};

const withRule = (literal: JsonSchema): JsonSchema => ({ anyOf: [literal, ruleObject] });
const number: JsonSchema = { type: 'number' };
const integer: JsonSchema = { type: 'integer' };
const choiceDisplay: JsonSchema = { enum: ['select', 'radio', 'checkbox'] };
const filter = {
  ...rule,
  description:
    'Offers only the values for which this rule is true; `choice.code`, `choice.broader` name the candidate.',
};
const codeDefault: JsonSchema = {
  anyOf: [
    { type: 'object', properties: { code: vocabularyCode }, required: ['code'], additionalProperties: false },
    {
      type: 'object',
      properties: { codes: { type: 'array', items: vocabularyCode } },
      required: ['codes'],
      additionalProperties: false,
    },
    ruleObject,
  ],
};

function branch(
  kind: string,
  description: string,
  properties: Record<string, JsonSchema>,
  required: string[] = [],
): JsonSchema {
  return {
    title: `${kind} field`,
    description,
    type: 'object',
    properties: { kind: { const: kind }, ...identity, ...properties },
    required: ['kind', 'key', ...required],
    additionalProperties: false,
  };
}

const numberProps = (n: JsonSchema) => ({
  ...valueSlots,
  min: withRule(n),
  max: withRule(n),
  unit: { type: 'string', description: 'Unit shown beside the input, e.g. m, °C, %.' },
  default: withRule(n),
});

export const fieldBranches: Record<(typeof FIELD_KINDS)[number], JsonSchema> = {
  text: branch('text', 'One line of text.', {
    ...valueSlots,
    maxLength: { type: 'integer', minimum: 1, maximum: 10000 },
    pattern: {
      type: 'string',
      minLength: 1,
      description: 'A regular expression the whole value must match (anchored).',
    },
    default: withRule({ type: 'string' }),
  }),
  long_text: branch('long_text', 'Several lines of text.', {
    ...valueSlots,
    maxLength: { type: 'integer', minimum: 1, maximum: 100000 },
    default: withRule({ type: 'string' }),
  }),
  integer: branch('integer', 'A whole number (a count).', numberProps(integer)),
  decimal: branch('decimal', 'A decimal number (a measure).', {
    ...numberProps(number),
    decimals: {
      type: 'integer',
      minimum: 0,
      maximum: 12,
      description: 'Digits kept after the decimal point.',
    },
  }),
  boolean: branch('boolean', 'Yes or no.', { ...valueSlots, default: withRule({ type: 'boolean' }) }),
  date: branch('date', 'A calendar date (YYYY-MM-DD).', {
    ...valueSlots,
    min: withRule(isoDate),
    max: withRule(isoDate),
    default: withRule(isoDate),
  }),
  time: branch('time', 'A time of day (HH:MM).', {
    ...valueSlots,
    min: withRule(isoTime),
    max: withRule(isoTime),
    default: withRule(isoTime),
  }),
  datetime: branch('datetime', 'A date and time with time zone.', {
    ...valueSlots,
    min: withRule(isoDateTime),
    max: withRule(isoDateTime),
    default: withRule(isoDateTime),
  }),
  choice: branch(
    'choice',
    'A choice among values listed here.',
    {
      ...valueSlots,
      choices: {
        type: 'array',
        minItems: 1,
        items: {
          anyOf: [
            { type: 'string', minLength: 1 },
            {
              type: 'object',
              properties: { value: { type: 'string', minLength: 1 }, label },
              required: ['value'],
              additionalProperties: false,
            },
          ],
        },
      },
      multiple: { type: 'boolean' },
      display: choiceDisplay,
      filter,
      default: withRule({ anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] }),
    },
    ['choices'],
  ),
  vocabulary: branch(
    'vocabulary',
    'A value of a vocabulary: one of the protocol vocabularies or a SINP nomenclature type.',
    {
      ...valueSlots,
      vocabulary: {
        ...vocabularyCode,
        description: 'Vocabulary code (protocol vocabulary or SINP type, e.g. STADE_VIE).',
      },
      codes: { type: 'array', items: vocabularyCode, minItems: 1, description: 'Offer only these codes.' },
      multiple: { type: 'boolean' },
      display: choiceDisplay,
      filter,
      default: codeDefault,
    },
    ['vocabulary'],
  ),
  taxon: branch('taxon', 'A taxon from TAXREF, within the protocol scope.', {
    ...valueSlots,
    taxa: { type: 'array', items: cdNom, minItems: 1, description: 'Restrict to these names (cd_nom).' },
    fixed: { ...cdNom, description: 'The only possible taxon: filled automatically.' },
    default: withRule(cdNom),
  }),
  observers: branch('observers', 'Observers: users, with free-text names as a fallback.', {
    ...valueSlots,
    multiple: { type: 'boolean', description: 'Several observers (default true).' },
    freeText: { type: 'boolean', description: 'Accept names of people without an account (default true).' },
    default: ruleObject,
  }),
  dataset: branch('dataset', 'The dataset (jeu de données) the record belongs to.', {
    ...valueSlots,
    datasets: { type: 'array', items: uuid, minItems: 1, description: 'Offer only these datasets.' },
    default: withRule(uuid),
  }),
  habitat: branch('habitat', 'A habitat from a habitat typology (HABREF).', {
    ...valueSlots,
    typology: { type: 'string', minLength: 1, description: 'Typology code, e.g. EUNIS, CORINE, HIC.' },
    codes: { type: 'array', items: vocabularyCode, minItems: 1 },
    multiple: { type: 'boolean' },
    filter,
  }),
  reference: branch(
    'reference',
    'A link to a record of another level (a visit pointing to a site).',
    {
      ...valueSlots,
      level: { ...sqlIdentifier, description: 'Key of the level referred to.' },
      multiple: { type: 'boolean' },
    },
    ['level'],
  ),
  media: branch('media', 'Photos, sound recordings or documents attached to the record.', {
    ...valueSlots,
    maxFiles: { type: 'integer', minimum: 1, maximum: 100 },
    accept: { type: 'array', items: { type: 'string', pattern: '^[a-z]+/[a-z0-9.+*-]+$' } },
  }),
  geometry: branch(
    'geometry',
    'An extra geometry besides the level geometry (an exit point, a flight path).',
    { ...valueSlots, geometry: geometryKind },
    ['geometry'],
  ),
  group: branch(
    'group',
    'A repeatable group of fields: a sub-table with one row per entry (e.g. habitat cover rows).',
    {
      required: requiredSlot,
      visibleIf: valueSlots.visibleIf,
      readOnly: valueSlots.readOnly,
      minItems: { type: 'integer', minimum: 0 },
      maxItems: { type: 'integer', minimum: 1 },
      fields: { type: 'array', minItems: 1, items: { $ref: '#/$defs/field' } },
    },
    ['fields'],
  ),
  section: branch('section', 'A heading that starts a section of the form; stores nothing.', {
    visibleIf: valueSlots.visibleIf,
  }),
};
