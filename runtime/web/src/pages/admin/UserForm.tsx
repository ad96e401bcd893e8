/** Creating a user (login and password too) or editing one (display name, organisation, roles, admin). */
import { type FormEvent, useState } from 'react';
import { api } from '../../api.ts';
import { useT } from '../../i18n.tsx';
import { type AdminUser, attempt, type Organisation } from './admin-api.ts';
import { useAdminT } from './admin-i18n.ts';
import { NewPasswordField } from './NewPasswordField.tsx';
import { Problems } from './Problems.tsx';

const roleList = (text: string) =>
  text
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);

export function UserForm(props: {
  user?: AdminUser;
  organisations: readonly Organisation[];
  onDone: (saved: boolean) => void;
}) {
  const a = useAdminT();
  const { t } = useT();
  const { user } = props;
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState(user?.display_name ?? '');
  const [organisationId, setOrganisationId] = useState(user?.organisation?.id ?? '');
  const [roles, setRoles] = useState(user?.roles.join(', ') ?? '');
  const [isAdmin, setIsAdmin] = useState(user?.is_admin ?? false);
  const [error, setError] = useState<Error | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const fields = {
      display_name: displayName,
      organisation_id: organisationId || null,
      roles: roleList(roles),
      is_admin: isAdmin,
    };
    const failed = await attempt(() =>
      user
        ? api.patch(`/api/admin/users/${user.id}`, fields)
        : api.post('/api/admin/users', { ...fields, login, password }),
    );
    setError(failed);
    if (!failed) props.onDone(true);
  };

  return (
    <form className="admin-form" onSubmit={(e) => void submit(e)}>
      <h3>{user ? user.login : a('newUser')}</h3>
      {user ? null : (
        <label>
          {a('login')}
          <input name="login" autoComplete="off" value={login} onChange={(e) => setLogin(e.target.value)} />
        </label>
      )}
      <label>
        {a('displayName')}
        <input name="display_name" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
      </label>
      <label>
        {a('organisation')}
        <select
          name="organisation_id"
          value={organisationId}
          onChange={(e) => setOrganisationId(e.target.value)}
        >
          <option value="">{a('none')}</option>
          {props.organisations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {a('roles')} <span className="hint">({a('rolesHint')})</span>
        <input name="roles" value={roles} onChange={(e) => setRoles(e.target.value)} />
      </label>
      <label className="check">
        <input
          type="checkbox"
          name="is_admin"
          checked={isAdmin}
          onChange={(e) => setIsAdmin(e.target.checked)}
        />
        {a('isAdmin')}
      </label>
      {user ? null : (
        <NewPasswordField name="password" label={a('password')} value={password} onChange={setPassword} />
      )}
      <Problems error={error} />
      <div className="actions">
        <button type="submit" className="primary">
          {t('save')}
        </button>
        <button type="button" onClick={() => props.onDone(false)}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
