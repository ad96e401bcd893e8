/**
 * Stage 1 of validation: the level's generated JSON Schema (draft-07), compiled by ajv with every error
 * reported at once, mapped to `[{ path, code, message }]` with codes that do not depend on ajv's words.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Violation } from './violation.ts';

// ajv-formats is CommonJS: under NodeNext its plugin arrives as the `default` of the module object.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv,
) => Ajv;

// strict: false: the schemas carry RJSF annotations; `$comment` holds the generated-file banner.
const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));

export const compileSchema = (schema: object): ValidateFunction => ajv.compile(schema);

/** ajv keyword → our code. Anything else is reported as `invalid`. */
const CODES: Readonly<Record<string, string>> = {
  required: 'required',
  minProperties: 'required',
  additionalProperties: 'unknown_field',
  type: 'type',
  minimum: 'min',
  exclusiveMinimum: 'min',
  formatMinimum: 'min',
  formatExclusiveMinimum: 'min',
  maximum: 'max',
  exclusiveMaximum: 'max',
  formatMaximum: 'max',
  formatExclusiveMaximum: 'max',
  minLength: 'required',
  maxLength: 'max_length',
  pattern: 'pattern',
  format: 'format',
  enum: 'choice',
  const: 'choice',
  minItems: 'min_items',
  maxItems: 'max_items',
  uniqueItems: 'duplicate',
  oneOf: 'geometry',
};

const escapeKey = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');

/** The problems of `data` against the schema, one per place (a failed `oneOf` hides its branches' errors). */
export function schemaViolations(validate: ValidateFunction, data: unknown): Violation[] {
  if (validate(data)) return [];
  const errors = validate.errors ?? [];
  const oneOfPaths = errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath);
  return errors
    .filter((e) => e.keyword === 'oneOf' || !oneOfPaths.some((p) => e.instancePath.startsWith(p)))
    .map(toViolation);
}

function toViolation(error: ErrorObject): Violation {
  const params = error.params as Record<string, unknown>;
  const code = CODES[error.keyword] ?? 'invalid';
  if (error.keyword === 'required')
    return { path: `${error.instancePath}/${escapeKey(String(params.missingProperty))}`, code };
  if (error.keyword === 'additionalProperties')
    return { path: `${error.instancePath}/${escapeKey(String(params.additionalProperty))}`, code };
  const limit = params.limit ?? params.comparison ?? params.allowedValues ?? params.type ?? params.format;
  return { path: error.instancePath, code, ...(limit === undefined ? {} : { expected: limit }) };
}
