/** Organisations: the list with their number of members, a rename in place, a form to add one. */
import { type FormEvent, useState } from 'react';
import { api } from '../../api.ts';
import { useT } from '../../i18n.tsx';
import { attempt, type Organisation } from './admin-api.ts';
import { useAdminT } from './admin-i18n.ts';
import { Problems } from './Problems.tsx';

function OrganisationRow(props: { organisation: Organisation; onSaved: () => void }) {
  const a = useAdminT();
  const { t } = useT();
  const [name, setName] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const { organisation } = props;
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const failed = await attempt(() => api.patch(`/api/admin/organisations/${organisation.id}`, { name }));
    setError(failed);
    if (!failed) {
      setName(null);
      props.onSaved();
    }
  };
  return (
    <tr>
      <td>
        {name === null ? (
          organisation.name
        ) : (
          <form className="inline" onSubmit={(e) => void save(e)}>
            <input aria-label={a('name')} value={name} onChange={(e) => setName(e.target.value)} />
            <button type="submit" className="primary">
              {t('save')}
            </button>
            <button type="button" onClick={() => setName(null)}>
              {t('cancel')}
            </button>
            <Problems error={error} />
          </form>
        )}
      </td>
      <td>{organisation.users}</td>
      <td>
        {name === null ? (
          <button type="button" onClick={() => setName(organisation.name)}>
            {a('rename')}
          </button>
        ) : null}
      </td>
    </tr>
  );
}

export function OrganisationsPanel(props: { organisations: readonly Organisation[]; onChange: () => void }) {
  const a = useAdminT();
  const { t } = useT();
  const [name, setName] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const create = async (event: FormEvent) => {
    event.preventDefault();
    const failed = await attempt(() => api.post('/api/admin/organisations', { name }));
    setError(failed);
    if (!failed) {
      setName('');
      props.onChange();
    }
  };
  return (
    <section>
      <table>
        <thead>
          <tr>
            <th>{a('name')}</th>
            <th>{a('members')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {props.organisations.map((o) => (
            <OrganisationRow key={o.id} organisation={o} onSaved={props.onChange} />
          ))}
        </tbody>
      </table>
      <form className="admin-form" onSubmit={(e) => void create(e)}>
        <h3>{a('newOrganisation')}</h3>
        <label>
          {a('name')}
          <input name="name" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <Problems error={error} />
        <button type="submit" className="primary">
          {t('add')}
        </button>
      </form>
    </section>
  );
}
