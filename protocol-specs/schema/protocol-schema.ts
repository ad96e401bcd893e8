/** The JSON Schema of a protocol spec (shape only; semantic rules live in validate/). */
import {
  cdNom,
  commonDefinitions,
  fieldPath,
  type JsonSchema,
  label,
  rule,
  sqlIdentifier,
  stableId,
  uuid,
  vocabularyCode,
} from './common.ts';
import { FIELD_KINDS, fieldBranches } from './field-schemas.ts';

export const SCHEMA_ID = 'https://suivi.dev/schemas/protocol.schema.json';

export const LEVEL_TYPES = [
  'sites_group',
  'site',
  'visit',
  'observation',
  'observation_detail',
  'custom',
] as const;

const fieldKeyList: JsonSchema = { type: 'array', items: sqlIdentifier, uniqueItems: true };

const taxonomy: JsonSchema = {
  description: 'Which taxa the protocol records.',
  oneOf: [
    {
      title: 'any taxon',
      type: 'object',
      properties: { scope: { const: 'all' } },
      required: ['scope'],
      additionalProperties: false,
    },
    {
      title: 'a list of taxa',
      type: 'object',
      properties: { scope: { const: 'list' }, taxa: { type: 'array', items: cdNom, minItems: 1 } },
      required: ['scope', 'taxa'],
      additionalProperties: false,
    },
    {
      title: 'a taxonomic group',
      type: 'object',
      properties: {
        scope: { const: 'group' },
        rank: { enum: ['regne', 'phylum', 'classe', 'ordre', 'famille', 'group1_inpn', 'group2_inpn'] },
        name: { type: 'string', minLength: 1 },
      },
      required: ['scope', 'rank', 'name'],
      additionalProperties: false,
    },
    {
      title: 'one species',
      type: 'object',
      properties: { scope: { const: 'species' }, taxon: cdNom },
      required: ['scope', 'taxon'],
      additionalProperties: false,
    },
  ],
};

const vocabulary: JsonSchema = {
  title: 'protocol vocabulary',
  type: 'object',
  properties: {
    id: stableId,
    code: {
      type: 'string',
      pattern: '^[A-Z][A-Z0-9_]*$',
      maxLength: 50,
      description: 'Upper-case vocabulary code.',
    },
    label,
    description: label,
    values: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        properties: {
          code: vocabularyCode,
          label,
          definition: label,
          broader: {
            ...vocabularyCode,
            description: 'Code of the broader value, for hierarchical vocabularies.',
          },
        },
        required: ['code', 'label'],
        additionalProperties: false,
      },
    },
  },
  required: ['id', 'code', 'label', 'values'],
  additionalProperties: false,
};

const fieldSet: JsonSchema = {
  title: 'field set',
  description:
    'Fields that apply only when a type field of the level holds one of some codes (a bridge roost vs a cave).',
  type: 'object',
  properties: {
    id: stableId,
    label,
    appliesTo: {
      type: 'object',
      properties: { field: sqlIdentifier, codes: { type: 'array', items: vocabularyCode, minItems: 1 } },
      required: ['field', 'codes'],
      additionalProperties: false,
    },
    fields: { type: 'array', minItems: 1, items: { $ref: '#/$defs/field' } },
  },
  required: ['id', 'label', 'appliesTo', 'fields'],
  additionalProperties: false,
};

const recordCheck: JsonSchema = {
  title: 'record check',
  description:
    'A rule every record of the level must pass (truthy), with the message shown when it does not: an end date before a start date, a total below its parts.',
  type: 'object',
  properties: {
    id: {
      type: 'string',
      pattern: '^[a-z][a-z0-9_]*$',
      maxLength: 50,
      description: 'Snake-case name of the check, unique in its level; names its CHECK constraint.',
    },
    rule: {
      ...rule,
      description: 'A boolean rule on the record (and its ancestors): the record passes when it is true.',
    },
    message: { ...label, description: 'Shown when the record fails the check.' },
    fields: {
      ...fieldKeyList,
      minItems: 1,
      description: 'Fields the message is shown on (the first one names the problem); default: the record.',
    },
  },
  required: ['id', 'rule', 'message'],
  additionalProperties: false,
};

const level: JsonSchema = {
  title: 'level',
  type: 'object',
  properties: {
    id: stableId,
    key: sqlIdentifier,
    type: {
      enum: [...LEVEL_TYPES],
      description: 'Standard level types inherit standard fields; custom levels do not.',
    },
    parents: {
      type: 'array',
      items: sqlIdentifier,
      uniqueItems: true,
      description: 'Keys of the parent levels.',
    },
    allParentsRequired: {
      type: 'boolean',
      description:
        'With several parents: true when a record belongs to every parent (a reading of a quadrat in a campaign); by default it hangs under at least one.',
    },
    label,
    plural: label,
    geometry: {
      type: 'object',
      properties: {
        kind: { enum: ['none', 'point', 'line', 'polygon', 'any'] },
        required: { type: 'boolean' },
      },
      required: ['kind'],
      additionalProperties: false,
    },
    list: { ...fieldKeyList, description: 'Columns of the list table.' },
    detail: { ...fieldKeyList, description: 'Order of the fields on the detail page (default: form order).' },
    sort: {
      type: 'array',
      items: {
        type: 'object',
        properties: { field: sqlIdentifier, direction: { enum: ['asc', 'desc'] } },
        required: ['field'],
        additionalProperties: false,
      },
    },
    mapLabel: { ...sqlIdentifier, description: 'Field shown as the label of the record on maps.' },
    keep: {
      ...fieldKeyList,
      description: 'Fields kept when chaining entries ("save and add the next one").',
    },
    omitStandardFields: {
      ...fieldKeyList,
      description: 'Standard fields of the level type this protocol does not use.',
    },
    fields: { type: 'array', items: { $ref: '#/$defs/field' } },
    fieldSets: { type: 'array', items: fieldSet },
    checks: { type: 'array', items: recordCheck },
  },
  required: ['id', 'key', 'type', 'label', 'fields'],
  additionalProperties: false,
};

const mappingSource: JsonSchema = {
  anyOf: [
    fieldPath,
    { type: 'object', properties: { rule }, required: ['rule'], additionalProperties: false },
    {
      type: 'object',
      properties: { value: { type: ['string', 'number', 'boolean'] } },
      required: ['value'],
      additionalProperties: false,
    },
  ],
};

const occurrence: JsonSchema = {
  title: 'SINP occurrence mapping',
  description: 'How records of one level become rows of the national "Occurrences de taxons" standard.',
  type: 'object',
  properties: {
    level: { ...sqlIdentifier, description: 'The level whose records are occurrences.' },
    taxon: mappingSource,
    citedName: mappingSource,
    countMin: mappingSource,
    countMax: mappingSource,
    dateStart: mappingSource,
    dateEnd: mappingSource,
    observers: mappingSource,
    determiner: mappingSource,
    geometry: mappingSource,
    dataset: mappingSource,
    comment: mappingSource,
    publishAfter: {
      ...mappingSource,
      description: 'A date before which the occurrence is confidential (not exported).',
    },
    nomenclatures: {
      type: 'object',
      description: 'SINP nomenclature type → field, rule, or fixed code.',
      propertyNames: { pattern: '^[A-Z][A-Z0-9_]*$' },
      additionalProperties: {
        anyOf: [
          fieldPath,
          {
            type: 'object',
            properties: { code: vocabularyCode },
            required: ['code'],
            additionalProperties: false,
          },
          { type: 'object', properties: { rule }, required: ['rule'], additionalProperties: false },
        ],
      },
    },
  },
  required: ['level', 'taxon', 'dateStart', 'observers', 'geometry'],
  additionalProperties: false,
};

export const protocolSchema: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: SCHEMA_ID,
  title: 'Suivi monitoring protocol',
  description:
    'A biodiversity monitoring protocol: levels, fields, rules, vocabularies and SINP mapping (docs/spec.md).',
  type: 'object',
  properties: {
    $schema: { type: 'string' },
    code: {
      type: 'string',
      pattern: '^[a-z][a-z0-9_]*$',
      minLength: 2,
      maxLength: 40,
      description: 'Protocol code; also the name of its database schema.',
    },
    version: { type: 'integer', minimum: 1, description: 'Incremented at every published change.' },
    label,
    description: label,
    taxonomy,
    datasets: { type: 'array', items: uuid, uniqueItems: true, description: 'Default datasets (UUIDs).' },
    vocabularies: { type: 'array', items: vocabulary },
    levels: { type: 'array', minItems: 1, items: level },
    occurrence,
  },
  required: ['code', 'version', 'label', 'taxonomy', 'levels'],
  additionalProperties: false,
  $defs: {
    ...commonDefinitions,
    field: {
      title: 'Field',
      type: 'object',
      required: ['kind'],
      discriminator: { propertyName: 'kind' },
      oneOf: FIELD_KINDS.map((kind) => ({ $ref: `#/$defs/${kind}Field` })),
    },
    ...Object.fromEntries(FIELD_KINDS.map((kind) => [`${kind}Field`, fieldBranches[kind]])),
  },
};
