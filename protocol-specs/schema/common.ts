/**
 * Building blocks of the protocol JSON Schema. The schema is written as TypeScript values (so parts are
 * shared and typed) and emitted to `protocol.schema.json` by build-schema.ts; editors and ajv read the JSON.
 */

export type JsonSchema = { readonly [key: string]: unknown };

/** Field and level keys become SQL column and table names: lower snake ASCII, at most 63 bytes (PostgreSQL's NAMEDATALEN - 1). */
const sqlIdentifierDefinition: JsonSchema = {
  type: 'string',
  pattern: '^[a-z][a-z0-9_]*$',
  maxLength: 63,
  description: 'Lower snake case ASCII, starting with a letter, at most 63 characters; becomes an SQL name.',
};

/** Immutable identity of a level, field or vocabulary: never changes when the key is renamed. */
const stableIdDefinition: JsonSchema = {
  type: 'string',
  pattern: '^[A-Za-z][A-Za-z0-9_.:-]*$',
  maxLength: 80,
  description:
    'Immutable identifier. Never change it: migrations use it to recognise a renamed key. Letters, digits, _ . : -',
};

const labelDefinition: JsonSchema = {
  description: 'A label: French text, or French with an optional English translation.',
  anyOf: [
    { type: 'string', minLength: 1 },
    {
      type: 'object',
      properties: { fr: { type: 'string', minLength: 1 }, en: { type: 'string', minLength: 1 } },
      required: ['fr'],
      additionalProperties: false,
    },
  ],
};

const ruleDefinition: JsonSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 2000,
  description:
    "A rule in Suivi's expression language (docs/rules.md), e.g. value.accessibility == 'Oui' && value.num_passage == 1",
};

/** Slots that take either a literal or a rule wrap the rule so a date literal is never read as arithmetic. */
const ruleObjectDefinition: JsonSchema = {
  type: 'object',
  properties: { rule: { $ref: '#/$defs/rule' } },
  required: ['rule'],
  additionalProperties: false,
};

const requiredSlotDefinition: JsonSchema = {
  description:
    'true, false, or a rule: the field is required when the rule is true (and the field is visible).',
  anyOf: [{ type: 'boolean' }, { $ref: '#/$defs/rule' }],
};

export const isoDate: JsonSchema = { type: 'string', format: 'date' };
export const isoTime: JsonSchema = {
  type: 'string',
  pattern: '^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$',
};
export const isoDateTime: JsonSchema = { type: 'string', format: 'date-time' };
const uuidDefinition: JsonSchema = { type: 'string', format: 'uuid' };
const cdNomDefinition: JsonSchema = {
  type: 'integer',
  minimum: 1,
  description: 'A TAXREF name code (cd_nom).',
};
const vocabularyCodeDefinition: JsonSchema = { type: 'string', minLength: 1, maxLength: 50 };

const geometryKindDefinition: JsonSchema = { enum: ['point', 'line', 'polygon', 'any'] };

const fieldPathDefinition: JsonSchema = {
  type: 'string',
  pattern: '^([a-z][a-z0-9_]*\\.)?[a-z][a-z0-9_]*$',
  description:
    'A field key of the level (`count`), or of an ancestor level (`visit.visit_date_min`); `geometry` names the level geometry.',
};

export const oneOrMany = (item: JsonSchema): JsonSchema => ({
  anyOf: [item, { type: 'array', items: item }],
});

/** Shared definitions, emitted once under `$defs` so editors and generated types name them. */
export const commonDefinitions: Record<string, JsonSchema> = {
  sqlIdentifier: { title: 'SqlIdentifier', ...sqlIdentifierDefinition },
  stableId: { title: 'StableId', ...stableIdDefinition },
  label: { title: 'Label', ...labelDefinition },
  rule: { title: 'Rule', ...ruleDefinition },
  ruleObject: { title: 'RuleObject', ...ruleObjectDefinition },
  requiredSlot: { title: 'RequiredSlot', ...requiredSlotDefinition },
  uuid: { title: 'Uuid', ...uuidDefinition },
  cdNom: { title: 'CdNom', ...cdNomDefinition },
  vocabularyCode: { title: 'VocabularyCode', ...vocabularyCodeDefinition },
  geometryKind: { title: 'GeometryKind', ...geometryKindDefinition },
  fieldPath: { title: 'FieldPath', ...fieldPathDefinition },
};

const ref = (name: string): JsonSchema => ({ $ref: `#/$defs/${name}` });
export const sqlIdentifier = ref('sqlIdentifier');
export const stableId = ref('stableId');
export const label = ref('label');
export const rule = ref('rule');
export const ruleObject = ref('ruleObject');
export const requiredSlot = ref('requiredSlot');
export const uuid = ref('uuid');
export const cdNom = ref('cdNom');
export const vocabularyCode = ref('vocabularyCode');
export const geometryKind = ref('geometryKind');
export const fieldPath = ref('fieldPath');
