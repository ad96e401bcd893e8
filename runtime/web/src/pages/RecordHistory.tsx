/**
 * A record's history (GET /api/history/<module>/<level>/<id>): newest first, who changed it, when, from
 * where (the app, an import, a protocol migration, a direct database write), and each changed field
 * with its label and its values formatted as the record page shows them. A user who may update the
 * record can restore an earlier version: the server runs it as an ordinary update, so a version the
 * current rules refuse comes back as a 422, shown like a form's errors.
 */
import { useCallback, useEffect, useState } from 'react';
import { ApiError, api, type Json, type LevelForms } from '../api.ts';
import { useAccount } from '../auth.tsx';
import { formatDate, formatValue } from '../format.ts';
import { useT } from '../i18n.tsx';
import { may } from '../permissions.ts';
import { HISTORY_TEXT as TEXT, writePathText } from './history-i18n.ts';
import { StatusLabel, VALIDATION_STATUS } from './ValidationPanel.tsx';

interface FieldChange {
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
}
interface Version {
  readonly version: number;
  readonly at: string;
  readonly actor: { readonly id: string; readonly name: string | null } | null;
  readonly write_path: string;
  readonly operation: 'create' | 'update' | 'delete';
  readonly changes: readonly FieldChange[];
}

/** Fields the server fills beside a validation status: its who and when, shown by the panel above. */
const SKIPPED = new Set(['validated_by', 'validated_at']);

const historyUrl = (module: string, level: string, id: string) =>
  `/api/history/${encodeURIComponent(module)}/${encodeURIComponent(level)}/${encodeURIComponent(id)}`;

function Value(props: { field: string; value: unknown; forms: LevelForms }) {
  const { label, lang } = useT();
  const { field, value, forms } = props;
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0))
    return <em>{label(TEXT.emptyValue)}</em>;
  if (field === VALIDATION_STATUS) return <StatusLabel code={value} />;
  return <>{formatValue(field, value, forms.schema, forms.ui, lang)}</>;
}

function Changes(props: { version: Version; forms: LevelForms }) {
  const { label, colon } = useT();
  const fieldLabel = (key: string) =>
    forms.labels?.[key]
      ? label(forms.labels[key])
      : label((TEXT as Record<string, { fr: string; en?: string }>)[`field_${key}`] ?? { fr: key });
  const { version, forms } = props;
  // A new record's organisation is its author's: shown only when it changes.
  const shown = version.changes.filter(
    (c) => !SKIPPED.has(c.field) && !(version.operation === 'create' && c.field === 'organisation_id'),
  );
  if (version.operation === 'delete' || shown.length === 0) return null;
  return (
    <dl className="history-changes">
      {shown.map((c) => (
        <div key={c.field}>
          <dt>
            {fieldLabel(c.field)}
            {colon.trimEnd()}
          </dt>
          <dd>
            {version.operation === 'update' ? (
              <>
                <del>
                  <Value field={c.field} value={c.before} forms={forms} />
                </del>
                {' → '}
              </>
            ) : null}
            <ins>
              <Value field={c.field} value={c.after} forms={forms} />
            </ins>
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function RecordHistory(props: {
  module: string;
  level: string;
  record: Json;
  forms: LevelForms;
  /** The record as the restore left it (the page shows it). */
  onRestored: (record: Json) => void;
}) {
  const { label, lang } = useT();
  const account = useAccount();
  const { module, level, record, forms, onRestored } = props;
  const id = String(record.id);
  const [open, setOpen] = useState(false);
  const [versions, setVersions] = useState<readonly Version[] | null>(null);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const load = useCallback(() => {
    api
      .get<{ versions: Version[] }>(historyUrl(module, level, id))
      .then((r) => setVersions(r.versions), setError);
  }, [module, level, id]);
  // Loaded when opened, and again after the record changed (row_version moves on every write).
  // biome-ignore lint/correctness/useExhaustiveDependencies: row_version says the record changed
  useEffect(() => {
    if (open) load();
  }, [open, load, record.row_version]);
  const restore = async (version: number) => {
    if (!window.confirm(label(TEXT.restoreConfirm))) return;
    setError(null);
    setNotice(null);
    try {
      onRestored(await api.post<Json>(`${historyUrl(module, level, id)}/restore`, { version }));
      setNotice(label(TEXT.restored));
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    }
  };
  const canRestore = may(account, module, 'update', record);
  const newestFirst = [...(versions ?? [])].reverse();
  const problems = error instanceof ApiError ? error.problems : [];
  return (
    <details
      className="record-history"
      data-testid="record-history"
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary>
        <h3>{label(TEXT.title)}</h3>
      </summary>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      {error ? (
        <div className="server-errors" role="alert" data-testid="restore-problems">
          <p>{error instanceof ApiError && error.status === 422 ? label(TEXT.refused) : error.message}</p>
          <ul>
            {/* The server's messages name their field. */}
            {problems.map((p) => (
              <li key={`${p.path}:${p.code}`}>{p.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {versions && versions.length === 0 ? <p>{label(TEXT.empty)}</p> : null}
      <ol className="history-versions">
        {newestFirst.map((v, i) => (
          <li key={v.version} data-testid="history-version">
            <p className="history-head">
              <strong>{label(TEXT[v.operation])}</strong> {formatDate(v.at, lang)} {label(TEXT.by)}{' '}
              {v.actor ? (v.actor.name ?? v.actor.id) : label(TEXT.nobody)}{' '}
              <span className="history-path">({label(writePathText(v.write_path))})</span>
              {i === 0 ? <span className="history-current"> — {label(TEXT.current)}</span> : null}
            </p>
            <Changes version={v} forms={forms} />
            {i > 0 && canRestore && v.operation !== 'delete' ? (
              <button type="button" onClick={() => void restore(v.version)}>
                {label(TEXT.restore)}
              </button>
            ) : null}
          </li>
        ))}
      </ol>
    </details>
  );
}
