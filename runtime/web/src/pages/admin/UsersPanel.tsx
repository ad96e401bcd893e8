/** Users: the table (organisation, roles, admin, active), and forms to create, edit, disable, reset a password. */
import { useState } from 'react';
import { api } from '../../api.ts';
import { useAccount } from '../../auth.tsx';
import { useT } from '../../i18n.tsx';
import { type AdminUser, attempt, type Organisation } from './admin-api.ts';
import { useAdminT } from './admin-i18n.ts';
import { PasswordForm } from './PasswordForm.tsx';
import { Problems } from './Problems.tsx';
import { UserForm } from './UserForm.tsx';

type Editing = { kind: 'new' } | { kind: 'edit' | 'password'; user: AdminUser } | null;

export function UsersPanel(props: {
  users: readonly AdminUser[];
  organisations: readonly Organisation[];
  onChange: () => void;
}) {
  const a = useAdminT();
  const { t } = useT();
  const me = useAccount();
  const [editing, setEditing] = useState<Editing>(null);
  const [error, setError] = useState<Error | null>(null);
  const setActive = async (user: AdminUser, active: boolean) => {
    const failed = await attempt(() => api.patch(`/api/admin/users/${user.id}`, { active }));
    setError(failed);
    if (!failed) props.onChange();
  };
  const done = (saved: boolean) => {
    setEditing(null);
    if (saved) props.onChange();
  };
  return (
    <section>
      <p>
        <button type="button" className="primary" onClick={() => setEditing({ kind: 'new' })}>
          {a('newUser')}
        </button>
      </p>
      {editing?.kind === 'new' ? <UserForm organisations={props.organisations} onDone={done} /> : null}
      {editing?.kind === 'edit' ? (
        <UserForm
          key={editing.user.id}
          user={editing.user}
          organisations={props.organisations}
          onDone={done}
        />
      ) : null}
      {editing?.kind === 'password' ? (
        <PasswordForm key={editing.user.id} user={editing.user} onDone={() => setEditing(null)} />
      ) : null}
      <Problems error={error} />
      <table className="admin-users">
        <thead>
          <tr>
            <th>{a('login')}</th>
            <th>{a('displayName')}</th>
            <th>{a('organisation')}</th>
            <th>{a('roles')}</th>
            <th>{a('isAdmin')}</th>
            <th>{a('active')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {props.users.map((u) => (
            <tr key={u.id} className={u.active ? '' : 'inactive'}>
              <td data-label={a('login')}>{u.login}</td>
              <td data-label={a('displayName')}>{u.display_name}</td>
              <td data-label={a('organisation')}>{u.organisation?.name ?? ''}</td>
              <td data-label={a('roles')}>{u.roles.join(', ')}</td>
              <td data-label={a('isAdmin')}>{u.is_admin ? a('yes') : a('no')}</td>
              <td data-label={a('active')}>{u.active ? a('yes') : a('disabled')}</td>
              <td className="actions">
                <button type="button" onClick={() => setEditing({ kind: 'edit', user: u })}>
                  {t('edit')}
                </button>
                <button type="button" onClick={() => setEditing({ kind: 'password', user: u })}>
                  {a('resetPassword')}
                </button>
                {u.id === me?.id ? null : (
                  <button
                    type="button"
                    className={u.active ? 'danger' : ''}
                    onClick={() => void setActive(u, !u.active)}
                  >
                    {u.active ? a('disable') : a('enable')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
