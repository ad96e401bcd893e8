/**
 * What every answer of the API must satisfy, whatever was sent: no 5xx; every 4xx is the problem list
 * `[{ path, code, message }]`; the status is one the operation documents; a 2xx JSON body matches the
 * documented schema; a body sent with a Content-Type the operation does not take is refused; an
 * operation that needs an account serves nobody anonymous.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { Json, Operation } from './openapi-walk.ts';
import type { FuzzRequest } from './request-arbitrary.ts';

// ajv-formats is CommonJS: its default export arrives wrapped under ESM interop.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => Ajv2020;

export interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

export const VIOLATIONS = [
  'server_error',
  'problem_shape',
  'undocumented_status',
  'response_schema',
  'content_type_accepted',
  'anonymous_served',
] as const;
export type ViolationKind = (typeof VIOLATIONS)[number];

export interface Violation {
  readonly kind: ViolationKind;
  readonly detail: string;
}

const isProblemList = (value: unknown): boolean =>
  Array.isArray(value) &&
  value.length > 0 &&
  value.every(
    (p) =>
      p !== null &&
      typeof p === 'object' &&
      typeof (p as Json).path === 'string' &&
      typeof (p as Json).code === 'string' &&
      typeof (p as Json).message === 'string',
  );

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** `application/json; charset=utf-8` → `application/json`. */
const essence = (type: string | undefined) => (type ?? '').split(';')[0]!.trim().toLowerCase();

/** Whether a media type matches a documented one (`image/*`, `*\/*` included). */
const mediaMatches = (actual: string, documented: string) => {
  const [type, subtype] = essence(documented).split('/');
  const [aType, aSubtype] = essence(actual).split('/');
  return (type === '*' || type === aType) && (subtype === '*' || subtype === aSubtype);
};

/** Compiles each documented response schema once, against its document's components. */
export class ResponseSchemas {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: false });
  private readonly compiled = new WeakMap<Json, ValidateFunction>();

  constructor() {
    addFormats(this.ajv);
  }

  check(op: Operation, schema: Json, value: unknown): string | undefined {
    let validate = this.compiled.get(schema);
    if (!validate) {
      validate = this.ajv.compile({ ...schema, components: op.root.components });
      this.compiled.set(schema, validate);
    }
    if (validate(value)) return undefined;
    return this.ajv.errorsText(validate.errors?.slice(0, 3));
  }
}

/** The violations of one answer to `request` on `op` (none: the API behaved). */
export function violations(
  op: Operation,
  request: FuzzRequest,
  answer: Answer,
  schemas: ResponseSchemas,
): Violation[] {
  const out: Violation[] = [];
  const { status } = answer;
  const json = answer.contentType.includes('json') ? parse(answer.text) : undefined;
  if (status >= 500) out.push({ kind: 'server_error', detail: `${status}` });
  if (status >= 400 && !isProblemList(json))
    out.push({ kind: 'problem_shape', detail: `${status} ${answer.contentType}` });
  const taken = Object.keys(op.body?.content ?? {});
  const sent =
    request.body?.kind === 'form' && request.contentType === undefined
      ? 'multipart/form-data'
      : request.contentType;
  const takesSent = taken.some((type) => essence(type) === essence(sent));
  const documented =
    op.responses[String(status)] ?? op.responses[`${String(status)[0]}XX`] ?? op.responses.default;
  // A body in a media type the operation's `content` does not list may get a 415 without saying so.
  const unsupported = status === 415 && request.body !== undefined && !takesSent;
  if (!documented && !unsupported && status < 500)
    out.push({ kind: 'undocumented_status', detail: `${status}` });
  if (status >= 200 && status < 300 && documented && Object.keys(documented).length > 0) {
    const media = Object.keys(documented).find((type) => mediaMatches(answer.contentType, type));
    if (media === undefined)
      out.push({ kind: 'response_schema', detail: `content-type ${answer.contentType} is not documented` });
    else if (essence(media).includes('json')) {
      const problem = schemas.check(op, documented[media]!, json);
      if (problem) out.push({ kind: 'response_schema', detail: problem });
    }
  }
  if (request.body !== undefined && status < 300 && !takesSent)
    out.push({ kind: 'content_type_accepted', detail: `${status} for a body sent as ${sent ?? '(none)'}` });
  if (op.security === 'required' && request.identity === 'anonymous' && status < 300)
    out.push({ kind: 'anonymous_served', detail: `${status}` });
  return out;
}
