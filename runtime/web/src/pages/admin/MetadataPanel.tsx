/**
 * Metadata: acquisition frameworks and datasets with their SINP UUIDs, modules and record counts
 * (GET /api/admin/metadata), a dataset's SINP diffusion and sensitivity levels (DatasetLevels.tsx); add,
 * edit in place, delete (refused by the server while in use).
 */
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { ApiError, api } from '../../api.ts';
import { formatNumber } from '../../format.ts';
import { useT } from '../../i18n.tsx';
import { attempt } from './admin-api.ts';
import { DatasetLevels } from './DatasetLevels.tsx';
import { useMetadataT } from './metadata-i18n.ts';
import { Problems } from './Problems.tsx';

interface Framework {
  readonly id: string;
  readonly label: string;
  readonly sinp_uuid: string | null;
  readonly datasets: number;
}
interface Dataset {
  readonly id: string;
  readonly acquisition_framework_id: string;
  readonly label: string;
  readonly sinp_uuid: string | null;
  readonly diffusion_level: string;
  readonly sensitivity_level: string;
  readonly modules: readonly string[];
  readonly records: number;
}

/** The server's refusal; `in_use` in the reader's language. */
function Refusal(props: { error: Error | null }) {
  const m = useMetadataT();
  if (props.error instanceof ApiError && props.error.problems.some((p) => p.code === 'in_use'))
    return (
      <p className="server-errors" role="alert">
        {m('inUse')}
      </p>
    );
  return <Problems error={props.error} />;
}

/** Label and SINP UUID edited in place, for one framework or dataset. */
function EditRow(props: { url: string; label: string; uuid: string | null; onDone: () => void }) {
  const { t } = useT();
  const m = useMetadataT();
  const [label, setLabel] = useState(props.label);
  const [uuid, setUuid] = useState(props.uuid ?? '');
  const [error, setError] = useState<Error | null>(null);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const failed = await attempt(() => api.patch(props.url, { label, sinp_uuid: uuid.trim() || null }));
    setError(failed);
    if (!failed) props.onDone();
  };
  return (
    <form className="inline" onSubmit={(e) => void save(e)}>
      <input aria-label={m('label')} value={label} onChange={(e) => setLabel(e.target.value)} />
      <input aria-label={m('sinpUuid')} value={uuid} onChange={(e) => setUuid(e.target.value)} />
      <button type="submit" className="primary">
        {t('save')}
      </button>
      <button type="button" onClick={props.onDone}>
        {t('cancel')}
      </button>
      <Problems error={error} />
    </form>
  );
}

function Row(props: {
  url: string;
  label: string;
  uuid: string | null;
  cells: readonly React.ReactNode[];
  onChange: () => void;
}) {
  const m = useMetadataT();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const remove = async () => {
    const failed = await attempt(() => api.del(props.url));
    setError(failed);
    if (!failed) props.onChange();
  };
  return (
    <tr>
      <td>
        {editing ? (
          <EditRow
            url={props.url}
            label={props.label}
            uuid={props.uuid}
            onDone={() => {
              setEditing(false);
              props.onChange();
            }}
          />
        ) : (
          props.label
        )}
        <Refusal error={error} />
      </td>
      <td className="uuid">{props.uuid ?? '—'}</td>
      {props.cells.map((c, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: fixed columns
        <td key={i}>{c}</td>
      ))}
      <td>
        {editing ? null : (
          <>
            <button type="button" onClick={() => setEditing(true)}>
              {m('edit')}
            </button>{' '}
            <button type="button" onClick={() => void remove()}>
              {m('delete')}
            </button>
          </>
        )}
      </td>
    </tr>
  );
}

function AddForm(props: {
  title: string;
  frameworks?: readonly Framework[];
  onAdd: (body: Record<string, unknown>) => Promise<Error | null>;
}) {
  const { t } = useT();
  const m = useMetadataT();
  const [label, setLabel] = useState('');
  const [uuid, setUuid] = useState('');
  const [framework, setFramework] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const failed = await props.onAdd({
      label,
      sinp_uuid: uuid.trim() || null,
      ...(props.frameworks ? { acquisition_framework_id: framework || null } : {}),
    });
    setError(failed);
    if (!failed) {
      setLabel('');
      setUuid('');
    }
  };
  return (
    <form className="admin-form" onSubmit={(e) => void submit(e)}>
      <h3>{props.title}</h3>
      <label>
        {m('label')}
        <input name="label" value={label} onChange={(e) => setLabel(e.target.value)} />
      </label>
      {props.frameworks ? (
        <label>
          {m('framework')}
          <select
            name="acquisition_framework_id"
            value={framework}
            onChange={(e) => setFramework(e.target.value)}
          >
            <option value="">—</option>
            {props.frameworks.map((f) => (
              <option key={f.id} value={f.id}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label>
        {m('sinpUuid')} <span className="hint">({m('uuidHint')})</span>
        <input name="sinp_uuid" value={uuid} onChange={(e) => setUuid(e.target.value)} />
      </label>
      <Problems error={error} />
      <button type="submit" className="primary">
        {t('add')}
      </button>
    </form>
  );
}

export function MetadataPanel() {
  const m = useMetadataT();
  const { lang } = useT();
  const [data, setData] = useState<{ frameworks: Framework[]; datasets: Dataset[] } | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const reload = useCallback(() => {
    api
      .get<{ frameworks: Framework[]; datasets: Dataset[] }>('/api/admin/metadata')
      .then(setData)
      .catch((e: Error) => setError(e));
  }, []);
  useEffect(reload, [reload]);
  const add = (url: string) => async (body: Record<string, unknown>) => {
    const failed = await attempt(() => api.post(url, body));
    if (!failed) reload();
    return failed;
  };
  if (!data) return <Problems error={error} />;
  const frameworkLabel = (id: string) => data.frameworks.find((f) => f.id === id)?.label ?? id;
  return (
    <section className="metadata">
      <h3>{m('frameworks')}</h3>
      <div className="scroll-x">
        <table>
          <thead>
            <tr>
              <th>{m('label')}</th>
              <th>{m('sinpUuid')}</th>
              <th>{m('datasets')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {data.frameworks.map((f) => (
              <Row
                key={f.id}
                url={`/api/admin/frameworks/${f.id}`}
                label={f.label}
                uuid={f.sinp_uuid}
                cells={[formatNumber(f.datasets, lang)]}
                onChange={reload}
              />
            ))}
          </tbody>
        </table>
      </div>
      <AddForm title={m('newFramework')} onAdd={add('/api/admin/frameworks')} />
      <h3>{m('datasets')}</h3>
      <div className="scroll-x">
        <table>
          <thead>
            <tr>
              <th>{m('label')}</th>
              <th>{m('sinpUuid')}</th>
              <th>{m('framework')}</th>
              <th>{m('modules')}</th>
              <th>{m('records')}</th>
              <th>{m('sinpLevels')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {data.datasets.map((d) => (
              <Row
                key={d.id}
                url={`/api/admin/datasets/${d.id}`}
                label={d.label}
                uuid={d.sinp_uuid}
                cells={[
                  frameworkLabel(d.acquisition_framework_id),
                  d.modules.join(', '),
                  formatNumber(d.records, lang),
                  <DatasetLevels
                    key="levels"
                    id={d.id}
                    diffusion={d.diffusion_level}
                    sensitivity={d.sensitivity_level}
                    onChange={reload}
                  />,
                ]}
                onChange={reload}
              />
            ))}
          </tbody>
        </table>
      </div>
      <AddForm title={m('newDataset')} frameworks={data.frameworks} onAdd={add('/api/admin/datasets')} />
    </section>
  );
}
