/**
 * The /api/builder contract as the builder's page reads it (runtime/builder-api on the server). The
 * shapes of the diff, plan and upgrade report are restated here rather than imported: the web app
 * reaches generator output only through the server's answers.
 */
import { ApiError, api, type Json, type Labels, type LevelForms } from '../api.ts';
import type { UpgradeReport } from '../pages/admin/modules-api.ts';

export type { UpgradeReport };
export type ChangeClass = 'destructive' | 'data_dependent' | 'rename' | 'additive' | 'metadata';

export interface Who {
  readonly login: string;
}

export interface DraftSummary {
  readonly id: string;
  readonly code: string;
  readonly label: Labels | string;
  readonly base_version: number | null;
  readonly row_version: number;
  readonly updated_at: string;
  readonly updated_by: Who | null;
}

export interface Draft {
  readonly id: string;
  readonly code: string;
  readonly spec: Json;
  readonly row_version: number;
  readonly base_version: number | null;
  readonly updated_at: string;
  readonly updated_by: Who | null;
  readonly revisions: number;
}

export interface ProtocolsAnswer {
  readonly installed: readonly {
    readonly code: string;
    readonly version: number;
    readonly label: Labels;
    readonly pendingUpgrade: boolean;
  }[];
  readonly drafts: readonly DraftSummary[];
  readonly examples: readonly {
    readonly name: string;
    readonly code: string;
    readonly label: Labels | string;
  }[];
}

export type NewDraft =
  | { readonly from: 'blank'; readonly code: string; readonly label: Labels }
  | { readonly from: 'example'; readonly name: string }
  | { readonly from: 'spec'; readonly spec: Json }
  | { readonly from: 'installed'; readonly code: string };

export interface Diagnostic {
  readonly rule: string;
  readonly path: string;
  readonly message: string;
  readonly severity: 'error' | 'warning';
  readonly line?: number;
  readonly column?: number;
}

export interface ValidateAnswer {
  readonly ok: boolean;
  readonly diagnostics: readonly Diagnostic[];
}

export interface PreviewLevel {
  readonly key: string;
  readonly label: Labels;
  readonly plural?: Labels;
  readonly parents: readonly string[];
  /** The generated documents; the rest of the partner app's LevelForms may be missing. */
  readonly forms: Pick<LevelForms, 'schema' | 'ui' | 'rules'> & Partial<LevelForms>;
}

export interface PreviewAnswer extends ValidateAnswer {
  readonly levels: readonly PreviewLevel[];
  readonly files: { readonly dictionary: string; readonly sql: string; readonly openapi: unknown };
}

export interface ProtocolChange {
  readonly kind: string;
  readonly class: ChangeClass;
  readonly path: string;
  readonly message: { readonly fr: string; readonly en: string };
}

export interface DiffAnswer {
  readonly installed: number | null;
  readonly diff: { readonly from: number; readonly to: number; readonly changes: readonly ProtocolChange[] };
}

export interface PlanStep {
  readonly id: string;
  readonly class: ChangeClass;
  readonly description: Labels;
}

export interface PlanAnswer {
  readonly installed: number | null;
  readonly plan: { readonly from: number; readonly to: number; readonly steps: readonly PlanStep[] } | null;
  readonly dryRun: UpgradeReport | null;
}

export interface PublishAnswer {
  readonly module: { readonly code: string; readonly version: number };
  readonly report: unknown;
}

/** One saved revision of a draft (GET /api/builder/drafts/:id/revisions). */
export interface RevisionSummary {
  readonly revision: number;
  readonly saved_at: string;
  readonly saved_by: { readonly login: string } | null;
}

export interface GeonatureAnswer {
  readonly draft: Draft;
  readonly report: Json;
}

const draftUrl = (id: string) => `/api/builder/drafts/${encodeURIComponent(id)}`;

export const builderApi = {
  protocols: () => api.get<ProtocolsAnswer>('/api/builder/protocols'),
  create: (body: NewDraft) => api.post<Draft>('/api/builder/drafts', body),
  draft: (id: string) => api.get<Draft>(draftUrl(id)),
  save: (id: string, spec: Json, row_version: number) =>
    api.put<{ row_version: number; revision: number }>(draftUrl(id), { spec, row_version }),
  remove: (id: string) => api.del(draftUrl(id)),
  revisions: (id: string) => api.get<RevisionSummary[]>(`${draftUrl(id)}/revisions`),
  revision: (id: string, n: number) =>
    api.get<{ revision: number; spec: Json }>(`${draftUrl(id)}/revisions/${n}`),
  validate: (spec: Json) => api.post<ValidateAnswer>('/api/builder/validate', { spec }),
  preview: (spec: Json) => api.post<PreviewAnswer>('/api/builder/preview', { spec }),
  diff: (spec: Json) => api.post<DiffAnswer>('/api/builder/diff', { spec }),
  plan: (spec: Json) => api.post<PlanAnswer>('/api/builder/plan', { spec }),
  publish: (id: string, row_version: number) => postRaw(`${draftUrl(id)}/publish`, { row_version }),
  specUrl: (id: string) => `${draftUrl(id)}/spec`,
  folderZipUrl: (code: string) => `/api/builder/modules/${encodeURIComponent(code)}/folder.zip`,
};

/** The GeoNature folder upload is multipart: the JSON helpers do not fit it. */
export async function uploadGeonature(file: File): Promise<GeonatureAnswer> {
  const body = new FormData();
  body.append('file', file);
  const response = await fetch('/api/builder/drafts/geonature', {
    method: 'POST',
    body,
    credentials: 'same-origin',
  });
  const text = await response.text();
  const parsed: unknown = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new ApiError(response.status, Array.isArray(parsed) ? parsed : []);
  }
  return parsed as GeonatureAnswer;
}

/** A POST whose refusal body matters as a whole (publish's 409 carries an upgrade report, not problems). */
export async function postRaw(url: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = { message: text };
  }
  return { status: response.status, body: parsed };
}
