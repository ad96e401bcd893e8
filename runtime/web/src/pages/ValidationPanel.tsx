/**
 * The validation status of an occurrence record (levels whose forms say `validated`): its label from
 * the STATUT_VALID vocabulary, who set it and why; for a user who may validate the record, a status
 * select and a comment that POST to `…/<id>/validation`. The server decides (403/404 otherwise): the
 * client only guesses from /api/auth/me whether to offer the form.
 */
import { type FormEvent, useEffect, useState } from 'react';
import { ApiError, api, type Json, type Labels, levelUrl, optional } from '../api.ts';
import { useAccount } from '../auth.tsx';
import { formatDate } from '../format.ts';
import { useT } from '../i18n.tsx';
import { may } from '../permissions.ts';

export const VALIDATION_STATUS = 'validation_status';

const TEXT = {
  title: { fr: 'Validation', en: 'Validation' },
  status: { fr: 'Statut de validation', en: 'Validation status' },
  comment: { fr: 'Commentaire', en: 'Comment' },
  by: { fr: 'Validé le', en: 'Validated on' },
  submit: { fr: 'Enregistrer la validation', en: 'Save the validation' },
} satisfies Record<string, Labels>;

interface Status {
  readonly code: string;
  readonly label: Labels;
}

/**
 * English names of the SINP validation statuses (the nomenclature is French only), used when the
 * vocabulary itself has no English label.
 */
const STATUS_EN: Readonly<Record<string, string>> = {
  '0': 'Pending validation',
  '1': 'Certain - very likely',
  '2': 'Probable',
  '3': 'Doubtful',
  '4': 'Invalid',
  '5': 'Not feasible',
  '6': 'Unknown',
};
const withEnglish = (s: Status): Status =>
  s.label.en || !STATUS_EN[s.code] ? s : { ...s, label: { ...s.label, en: STATUS_EN[s.code] } };

// One request per page load: the vocabulary is the same for every record and table.
let statuses: Promise<readonly Status[]> | undefined;
export function useStatuses(): readonly Status[] {
  const [list, setList] = useState<readonly Status[]>([]);
  useEffect(() => {
    statuses ??= optional<{ values: Status[] }>('/api/vocabularies/STATUT_VALID').then((v) =>
      (v?.values ?? []).map(withEnglish),
    );
    void statuses.then(setList);
  }, []);
  return list;
}

/** A status code as its label (the code itself until the vocabulary has loaded). */
export function StatusLabel(props: { code: unknown }) {
  const { label } = useT();
  const found = useStatuses().find((s) => s.code === props.code);
  return <>{found ? label(found.label) : String(props.code ?? '')}</>;
}

/** The status column's filter: one status, or all. */
export function StatusFilter(props: { title: string; value: string; onChange: (code: string) => void }) {
  const { t, label } = useT();
  const list = useStatuses();
  return (
    <select
      aria-label={`${t('filter')} ${props.title}`}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
    >
      <option value="">{t('all')}</option>
      {list.map((s) => (
        <option key={s.code} value={s.code}>
          {label(s.label)}
        </option>
      ))}
    </select>
  );
}

export function ValidationPanel(props: { module: string; level: string; record: Json }) {
  const { label, lang } = useT();
  const account = useAccount();
  const list = useStatuses();
  const [record, setRecord] = useState(props.record);
  const [status, setStatus] = useState(String(props.record[VALIDATION_STATUS] ?? '0'));
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const url = `${levelUrl(props.module, props.level)}/${String(record.id)}/validation`;
    try {
      setRecord(await api.post<Json>(url, { status, comment }));
      setComment('');
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <section className="validation" data-testid="validation">
      <h3>{label(TEXT.title)}</h3>
      <p>
        <strong>
          <StatusLabel code={record[VALIDATION_STATUS]} />
        </strong>
        {record.validated_at ? ` — ${label(TEXT.by)} ${formatDate(String(record.validated_at), lang)}` : ''}
        {record.validation_comment ? ` : ${String(record.validation_comment)}` : ''}
      </p>
      {may(account, props.module, 'validate', record) ? (
        <form onSubmit={(e) => void submit(e)}>
          <label>
            {label(TEXT.status)}{' '}
            <select value={status} onChange={(e) => setStatus(e.target.value)}>
              {list.map((s) => (
                <option key={s.code} value={s.code}>
                  {s.code} — {label(s.label)}
                </option>
              ))}
            </select>
          </label>{' '}
          <label>
            {label(TEXT.comment)} <input value={comment} onChange={(e) => setComment(e.target.value)} />
          </label>{' '}
          <button type="submit">{label(TEXT.submit)}</button>
          {error ? <p className="text-danger">{error}</p> : null}
        </form>
      ) : null}
    </section>
  );
}
