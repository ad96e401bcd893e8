/** An administrator sets a user's new password (the server ends that user's sessions). */
import { type FormEvent, useState } from 'react';
import { api } from '../../api.ts';
import { useT } from '../../i18n.tsx';
import { type AdminUser, attempt } from './admin-api.ts';
import { useAdminT } from './admin-i18n.ts';
import { NewPasswordField } from './NewPasswordField.tsx';
import { Problems } from './Problems.tsx';

export function PasswordForm(props: { user: AdminUser; onDone: () => void }) {
  const a = useAdminT();
  const { t } = useT();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const [done, setDone] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const failed = await attempt(() => api.post(`/api/admin/users/${props.user.id}/password`, { password }));
    setError(failed);
    setDone(!failed);
    if (!failed) setPassword('');
  };
  return (
    <form className="admin-form" onSubmit={(e) => void submit(e)}>
      <h3>
        {a('resetPassword')} : {props.user.login}
      </h3>
      <NewPasswordField
        name="new_password"
        label={a('newPassword')}
        value={password}
        onChange={setPassword}
      />
      <Problems error={error} />
      {done ? <p className="notice">{a('passwordChanged')}</p> : null}
      <div className="actions">
        <button type="submit" className="primary">
          {t('save')}
        </button>
        <button type="button" onClick={props.onDone}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
