/**
 * The import wizard's calls: templates, fields and suggestions (/api/import/templates, this branch),
 * files and jobs (/api/import/files, /api/import/jobs: the import engine). Types come from the server's
 * own files, so a change there fails to compile here.
 */
import { useEffect, useState } from 'react';
import type { ImportableField } from '../../../import/module-fields.ts';
import type { TemplateSuggestion } from '../../../import/suggest/suggest-template.ts';
import type {
  ImportAtomicity,
  ImportCounts,
  ImportMode,
  ImportProblem,
  ImportSourceOptions,
  ImportTemplate,
} from '../../../import/template.ts';
import type { TemplateSummary, TemplateVersionInfo } from '../../../import/templates/template-store.ts';
import { ApiError, type ApiProblem, api, type Labels } from '../api.ts';

export type { FieldMapping, LevelMapping } from '../../../import/template.ts';
export type { ImportableField, ImportTemplate, TemplateSuggestion, TemplateSummary };

export const TEMPLATES = '/api/import/templates';

export interface FieldsLevel {
  readonly key: string;
  readonly label: Labels;
  readonly parents: readonly string[];
  readonly fields: readonly ImportableField[];
}

export interface TemplateDetail {
  readonly template: TemplateSummary;
  readonly body: ImportTemplate;
  readonly versions: readonly TemplateVersionInfo[];
}

export interface Inspection {
  readonly source: ImportSourceOptions;
  readonly sheets?: readonly string[];
  readonly columns: readonly string[];
  readonly preview: readonly Readonly<Record<string, string>>[];
  readonly has_feature_geometry: boolean;
}

export interface UploadedFile {
  readonly id: string;
  readonly name: string;
  readonly size: number;
  readonly sha256: string;
  readonly earlier_jobs: readonly { id: string; created_at: string; status: string; module_code: string }[];
}

export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'rolled_back';

export interface Job {
  readonly id: string;
  readonly status: JobStatus;
  readonly module_code: string;
  readonly level_key: string;
  readonly provider: string;
  readonly file_name: string;
  readonly mode: ImportMode;
  readonly atomicity: ImportAtomicity;
  readonly dry_run: boolean;
  readonly counts: ImportCounts;
  readonly progress?: { readonly rows_done: number; readonly rows_total?: number };
  readonly created_by_name?: string;
  readonly created_at: string;
  readonly finished_at?: string | null;
  readonly error?: string | null;
  readonly template_id?: string | null;
  readonly template_version?: number | null;
}

export interface JobDetail {
  readonly job: Job;
  readonly problems: readonly ImportProblem[];
  readonly problems_total: number;
}

/** Sends the file's bytes as the body (the engine streams it to disk). */
export async function uploadFile(file: File): Promise<{ file: UploadedFile; inspection: Inspection }> {
  const response = await fetch(`/api/import/files?name=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/octet-stream' },
    body: file,
  });
  const text = await response.text();
  const parsed: unknown = text ? JSON.parse(text) : null;
  if (!response.ok)
    throw new ApiError(response.status, Array.isArray(parsed) ? (parsed as ApiProblem[]) : []);
  return parsed as { file: UploadedFile; inspection: Inspection };
}

export const inspectFile = (id: string, source: Partial<ImportSourceOptions>) =>
  api.post<{ inspection: Inspection }>(`/api/import/files/${encodeURIComponent(id)}/inspect`, { source });

export const startJob = (body: {
  file_id: string;
  template: ImportTemplate;
  template_id?: string;
  template_version?: number;
  mode: ImportMode;
  atomicity: ImportAtomicity;
  dry_run: boolean;
}) => api.post<{ job: Job }>('/api/import/jobs', body);

export const jobUrl = (id: string) => `/api/import/jobs/${encodeURIComponent(id)}`;

/** A problem's message in the reader's language: the API's French `message`, or `messages.en`. */
export function problemText(
  p: ApiProblem & { messages?: { fr: string; en?: string } },
  lang: 'fr' | 'en',
): string {
  return lang === 'en' && p.messages?.en ? p.messages.en : p.message;
}

/** GETs `url` once per change of it; `reload` fetches again. */
export function useGet<T>(url: string | null) {
  const [state, setState] = useState<{ data?: T; error?: ApiError | Error; loading: boolean }>({
    loading: !!url,
  });
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: tick asks for a reload
  useEffect(() => {
    if (!url) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    api.get<T>(url).then(
      (data) => live && setState({ data, loading: false }),
      (error: Error) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [url, tick]);
  return { ...state, reload: () => setTick((n) => n + 1) };
}
