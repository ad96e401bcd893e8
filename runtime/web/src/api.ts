/** Typed fetch helpers over the Suivi API. Errors carry the server's `[{ path, code, message }]` list. */
import { ApiError, type ApiProblem, type Json } from './api-shapes.ts';

export { ApiError, type ApiProblem, type Json, type Page } from './api-shapes.ts';

export interface Labels {
  readonly fr: string;
  readonly en?: string;
}
// What GET /api/modules answers, typed once by the server that writes it.
export type { LevelSummary, ModuleSummary } from '../../server/module-summary.ts';
/** A field's words in both languages (server/form-texts.ts). */
export interface FieldTexts {
  readonly label: Labels;
  readonly help?: Labels;
  readonly choices?: Readonly<Record<string, Labels>>;
  readonly fields?: Readonly<Record<string, FieldTexts>>;
}
export interface LevelForms {
  /** The level's name (the schema's title is French). */
  readonly label?: Labels;
  readonly schema: Json;
  readonly ui: Json;
  readonly rules: {
    readonly keep?: readonly string[];
    readonly fields?: Record<string, FieldRules>;
    readonly checks?: readonly CheckRules[];
  };
  readonly columns: readonly { readonly key: string; readonly label: Labels }[];
  /** Field labels in both languages (the schema titles are French). */
  readonly labels: Readonly<Record<string, Labels>>;
  /** Labels, help and choice labels of every field in both languages. */
  readonly texts?: Readonly<Record<string, FieldTexts>>;
  /** The field naming a record of the level (its map label), when there is one. */
  readonly mapLabel?: string;
  readonly keep: readonly string[];
  readonly formProps: Json;
  /** Its records carry a validation status (ValidationPanel; the table has a `validation_status` column). */
  readonly validated?: boolean;
}
export interface RuleSource {
  readonly source: string;
  readonly ast: unknown;
}
export interface FieldRules {
  readonly visibleIf?: RuleSource;
  readonly required?: boolean | RuleSource;
  readonly computed?: RuleSource;
  readonly default?: RuleSource;
  readonly filter?: RuleSource;
  /** Bounds given by rules (literal ones are the schema's `minimum`/`maximum`). */
  readonly min?: RuleSource;
  readonly max?: RuleSource;
  /** With a filter: each candidate's French label and broader code, as the filter reads them. */
  readonly choices?: Readonly<Record<string, { readonly label: string; readonly broader?: string }>>;
}
/** A record check of the level: shown on its fields (or the form) when its rule is not true. */
export interface CheckRules {
  readonly id: string;
  readonly rule: RuleSource;
  readonly message: Labels;
  readonly fields: readonly string[];
}

/** Without network, the API's answers come from this device (offline/local-api.ts, loaded then only). */
async function local<T>(method: string, url: string, body?: unknown): Promise<T> {
  const { localRequest } = await import('./offline/local-api.ts');
  return (await localRequest(method, url, body)) as T;
}

/** Requests the device answers itself when offline: the API, but not signing in or out. */
const localAnswers = (url: string) => url.startsWith('/api/') && !url.startsWith('/api/auth/log');

async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  if (!navigator.onLine && localAnswers(url)) return local<T>(method, url, body);
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    // No answer at all (no network though the browser thinks it is online): the device answers.
    if (localAnswers(url)) return local<T>(method, url, body);
    throw error;
  }
  const text = await response.text();
  const parsed: unknown = text ? JSON.parse(text) : null;
  if (!response.ok) {
    // 422/400 answer a list of problems; other errors `{ error, message }`: both become problems.
    const single = parsed as { error?: string; message?: string } | null;
    const problems = Array.isArray(parsed)
      ? (parsed as ApiProblem[])
      : single?.message
        ? [{ path: '', code: single.error ?? String(response.status), message: single.message }]
        : [];
    throw new ApiError(response.status, problems);
  }
  return parsed as T;
}

export const api = {
  get: <T>(url: string) => request<T>('GET', url),
  post: <T>(url: string, body: unknown) => request<T>('POST', url, body),
  put: <T>(url: string, body: unknown) => request<T>('PUT', url, body),
  patch: <T>(url: string, body: unknown) => request<T>('PATCH', url, body),
  del: (url: string) => request<unknown>('DELETE', url),
};

export const levelUrl = (module: string, level: string) =>
  `/api/modules/${encodeURIComponent(module)}/${encodeURIComponent(level)}`;

/** Reference data is optional: a missing endpoint gives null and the caller falls back on the schema. */
export async function optional<T>(url: string): Promise<T | null> {
  try {
    return await api.get<T>(url);
  } catch {
    return null;
  }
}
