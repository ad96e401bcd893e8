/**
 * Emits the shipped artefacts of the spec language from protocol-schema.ts:
 * `protocol.schema.json` (for editors and ajv) and `authored-spec.generated.ts` (the authored spec types).
 * Run `npm run gen:spec-types`; a test fails when either file is stale.
 */
import { compile } from 'json-schema-to-typescript';
import { protocolSchema } from './protocol-schema.ts';

export const SCHEMA_FILE = new URL('./protocol.schema.json', import.meta.url);
export const TYPES_FILE = new URL('./authored-spec.generated.ts', import.meta.url);

export function renderSchemaJson(): string {
  return `${JSON.stringify(protocolSchema, null, 2)}\n`;
}

export async function renderAuthoredTypes(): Promise<string> {
  const banner =
    '/* Generated from protocol-specs/schema/protocol-schema.ts by `npm run gen:spec-types`. Do not edit. */';
  // discriminator is an ajv/OpenAPI keyword json-schema-to-typescript does not know; it only confuses it.
  const {
    discriminator: _ignored,
    type: _object,
    required: _kind,
    ...field
  } = (protocolSchema.$defs as Record<string, Record<string, unknown>>).field as Record<string, unknown>;
  const schema = {
    ...protocolSchema,
    $defs: { ...(protocolSchema.$defs as object), field },
  };
  return compile(schema as never, 'ProtocolSpec', {
    bannerComment: banner,
    additionalProperties: false,
    unreachableDefinitions: false,
    ignoreMinAndMaxItems: true,
    style: { singleQuote: true, printWidth: 110 },
  });
}
