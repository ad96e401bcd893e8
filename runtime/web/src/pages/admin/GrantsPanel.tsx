/** Grants of one module (or of every module, '*'): the table with a remove button, and a form to add one. */
import { type FormEvent, useState } from 'react';
import { api, type ModuleSummary } from '../../api.ts';
import { useT } from '../../i18n.tsx';
import {
  ACTIONS,
  type AdminUser,
  attempt,
  type Grant,
  type Organisation,
  SCOPES,
  useList,
} from './admin-api.ts';
import { SCOPE_KEY, useAdminT } from './admin-i18n.ts';
import { Problems } from './Problems.tsx';

type GranteeKind = 'role' | 'user_id' | 'organisation_id';

function GrantForm(props: {
  module: string;
  users: readonly AdminUser[];
  organisations: readonly Organisation[];
  onAdded: () => void;
}) {
  const a = useAdminT();
  const [kind, setKind] = useState<GranteeKind>('role');
  const [grantee, setGrantee] = useState('');
  const [action, setAction] = useState<string>('R');
  const [scope, setScope] = useState<string>('organisation');
  const [error, setError] = useState<Error | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = { [kind]: grantee.trim(), module: props.module, action, scope };
    const failed = await attempt(() => api.post('/api/admin/grants', body));
    setError(failed);
    if (!failed) props.onAdded();
  };
  const choices: Record<Exclude<GranteeKind, 'role'>, readonly { id: string; label: string }[]> = {
    user_id: props.users.map((u) => ({ id: u.id, label: `${u.display_name} (${u.login})` })),
    organisation_id: props.organisations.map((o) => ({ id: o.id, label: o.name })),
  };
  return (
    <form className="admin-form inline" onSubmit={(e) => void submit(e)}>
      <label>
        {a('grantee')}
        <select
          name="grantee_kind"
          value={kind}
          onChange={(e) => {
            setKind(e.target.value as GranteeKind);
            setGrantee('');
          }}
        >
          <option value="role">{a('role')}</option>
          <option value="user_id">{a('user')}</option>
          <option value="organisation_id">{a('organisation')}</option>
        </select>
      </label>
      {kind === 'role' ? (
        <input
          name="grantee"
          aria-label={a('role')}
          value={grantee}
          onChange={(e) => setGrantee(e.target.value)}
        />
      ) : (
        <select
          name="grantee"
          aria-label={a('grantee')}
          value={grantee}
          onChange={(e) => setGrantee(e.target.value)}
        >
          <option value="" />
          {choices[kind].map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
      )}
      <label>
        {a('action')}
        <select name="action" value={action} onChange={(e) => setAction(e.target.value)}>
          {ACTIONS.map((x) => (
            <option key={x} value={x}>
              {a(x)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {a('scope')}
        <select name="scope" value={scope} onChange={(e) => setScope(e.target.value)}>
          {SCOPES.map((s) => (
            <option key={s} value={s}>
              {a(SCOPE_KEY[s])}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="primary">
        {a('addGrant')}
      </button>
      <Problems error={error} />
    </form>
  );
}

export function GrantsPanel(props: {
  modules: readonly ModuleSummary[];
  users: readonly AdminUser[];
  organisations: readonly Organisation[];
}) {
  const a = useAdminT();
  const { t, label } = useT();
  const [module, setModule] = useState('*');
  const grants = useList<Grant>(`/api/admin/grants?module=${encodeURIComponent(module)}`, 'grants');
  const [error, setError] = useState<Error | null>(null);
  const remove = async (grant: Grant) => {
    const failed = await attempt(() => api.del(`/api/admin/grants/${grant.id}`));
    setError(failed);
    void grants.reload();
  };
  const granteeOf = (g: Grant) =>
    g.role !== null
      ? `${a('role')} : ${g.role}`
      : g.user
        ? `${a('user')} : ${g.user.login}`
        : `${a('organisation')} : ${g.organisation?.name ?? ''}`;
  return (
    <section>
      <label>
        {a('module')}{' '}
        <select name="module" value={module} onChange={(e) => setModule(e.target.value)}>
          <option value="*">{a('everyModule')}</option>
          {props.modules.map((m) => (
            <option key={m.code} value={m.code}>
              {label(m.label)}
            </option>
          ))}
        </select>
      </label>
      <Problems error={error ?? grants.error} />
      <table className="admin-grants">
        <thead>
          <tr>
            <th>{a('grantee')}</th>
            <th>{a('action')}</th>
            <th>{a('scope')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {grants.items?.length === 0 ? (
            <tr>
              <td colSpan={4}>{a('noGrants')}</td>
            </tr>
          ) : null}
          {grants.items?.map((g) => (
            <tr key={g.id}>
              <td data-label={a('grantee')}>{granteeOf(g)}</td>
              <td data-label={a('action')}>{a(g.action as (typeof ACTIONS)[number])}</td>
              <td data-label={a('scope')}>{a(SCOPE_KEY[g.scope])}</td>
              <td>
                <button type="button" className="danger" onClick={() => void remove(g)}>
                  {t('remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <GrantForm
        key={module}
        module={module}
        users={props.users}
        organisations={props.organisations}
        onAdded={() => void grants.reload()}
      />
    </section>
  );
}
