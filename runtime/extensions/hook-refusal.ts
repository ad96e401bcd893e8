/**
 * How a hook refuses a write: `throw new HookRefusal('/visit_date_min', 'before_first_use', { fr, en })`.
 * The write is rolled back and the API answers 422 `[{ path, code, message, messages }]`, the same shape
 * as a validation problem (`message` in French, as every API message; `messages` has both languages).
 * Anything else a hook throws is a failure: rolled back too, answered 500 without details, and logged.
 */
import { HttpError } from '../http/errors.ts';

/** Every user-facing text exists in both languages. */
export interface RefusalMessage {
  readonly fr: string;
  readonly en: string;
}

export class HookRefusal extends HttpError {
  constructor(
    /** JSON pointer of the field the refusal is about (`/visit_date_min`), '' for the whole record. */
    readonly path: string,
    code: string,
    readonly messages: RefusalMessage,
  ) {
    super(422, 'invalid', messages.fr, [{ path, code, message: messages.fr, messages }]);
  }
}

/** A hook that threw something other than a refusal: the write fails with a 500, the cause is logged. */
export class HookFailure extends Error {
  constructor(where: string, cause: unknown) {
    super(`extension hook ${where} failed: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = 'HookFailure';
  }
}
