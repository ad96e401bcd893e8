/** Stage 1 of validation: the JSON shape, checked by ajv against the shipped JSON Schema. */
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { type Diagnostic, error } from '../diagnostics.ts';
import { FIELD_KINDS } from '../schema/field-schemas.ts';
import { protocolSchema } from '../schema/protocol-schema.ts';
import { closestMatch } from '../util/closest-match.ts';

// ajv-formats is CommonJS: its default export arrives wrapped under ESM interop.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => Ajv2020;

const ajv = new Ajv2020({ allErrors: true, discriminator: true, strict: false, verbose: true });
addFormats(ajv);
const validateShape = ajv.compile(protocolSchema);

export function checkShape(spec: unknown): Diagnostic[] {
  if (validateShape(spec)) return [];
  return collapse(validateShape.errors ?? []).map(toDiagnostic);
}

/** anyOf produces one error per branch plus a summary; keep the summary when every branch failed at the same place. */
function collapse(errors: readonly ErrorObject[]): ErrorObject[] {
  const anyOfPaths = new Set(
    errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => e.instancePath),
  );
  return errors.filter((e) => {
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf') return true;
    return !anyOfPaths.has(e.instancePath);
  });
}

function toDiagnostic(e: ErrorObject): Diagnostic {
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const known = knownProperties(e.parentSchema);
      const suggestion = closestMatch(key, known);
      const hint = suggestion
        ? `; did you mean "${suggestion}"?`
        : known.length
          ? `; expected one of ${known.join(', ')}`
          : '';
      return error('shape-unknown-key', `${e.instancePath}/${escapeKey(key)}`, `unknown key "${key}"${hint}`);
    }
    case 'required':
      return error(
        'shape-required',
        e.instancePath,
        `missing required key "${String(params.missingProperty)}"`,
      );
    case 'discriminator':
      return error(
        'shape-field-kind',
        `${e.instancePath}/kind`,
        `unknown field kind; expected one of ${FIELD_KINDS.join(', ')}`,
      );
    case 'anyOf':
    case 'oneOf':
      return error(
        'shape-type',
        e.instancePath,
        `does not match any allowed form (${describe(e.parentSchema)})`,
      );
    case 'pattern':
    case 'maxLength':
    case 'minLength': {
      // The schema's description says what a valid value looks like better than a regular expression does.
      const described = (e.parentSchema as { description?: string } | undefined)?.description;
      const message = `${JSON.stringify(e.data)} ${e.message ?? 'is invalid'}${described ? `: ${described}` : ''}`;
      return error(`shape-${e.keyword}`, e.instancePath, message);
    }
    default:
      return error(`shape-${e.keyword}`, e.instancePath, e.message ?? `fails ${e.keyword}`);
  }
}

function knownProperties(schema: unknown): string[] {
  const props = (schema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return props ? Object.keys(props) : [];
}

function describe(schema: unknown): string {
  const branches = ((schema as { anyOf?: unknown[]; oneOf?: unknown[] })?.anyOf ??
    (schema as { oneOf?: unknown[] })?.oneOf ??
    []) as Array<Record<string, unknown>>;
  return branches.map((b) => branchName(b)).join(' or ');
}

function branchName(b: Record<string, unknown>): string {
  if (typeof b.title === 'string') return b.title;
  if (typeof b.type === 'string') return b.type;
  if (typeof b.$ref === 'string') {
    const target = (protocolSchema.$defs as Record<string, { title?: string }>)[
      b.$ref.split('/').pop() ?? ''
    ];
    return target?.title ?? 'object';
  }
  if (Array.isArray(b.enum)) return b.enum.join(' | ');
  return 'object';
}

const escapeKey = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');
