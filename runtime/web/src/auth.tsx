/**
 * Who is signed in. GET /api/auth/me: 200 is the account, 401 asks for the login page, anything else
 * (a server without accounts) lets the app run anonymously.
 */
import { createContext, type FormEvent, useContext, useState } from 'react';
import { ApiError, api } from './api.ts';
import { useT } from './i18n.tsx';

export interface Account {
  readonly id: string;
  readonly login: string;
  readonly display_name: string;
  readonly is_admin?: boolean;
  /** Holds the designer role: the header offers the protocol builder. */
  readonly can_design?: boolean;
  readonly organisation?: { readonly name: string } | null;
}

export type Session =
  | { state: 'loading' }
  | { state: 'anonymous' }
  | { state: 'out' }
  | { state: 'in'; account: Account };

export const AccountContext = createContext<Account | null>(null);
export const useAccount = () => useContext(AccountContext);

export async function loadSession(): Promise<Session> {
  try {
    return { state: 'in', account: await api.get<Account>('/api/auth/me') };
  } catch (error) {
    return error instanceof ApiError && error.status === 401 ? { state: 'out' } : { state: 'anonymous' };
  }
}

export function LoginPage(props: { onLogin: (account: Account) => void }) {
  const { t } = useT();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      props.onLogin(await api.post<Account>('/api/auth/login', { login, password }));
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 401
          ? t('loginFailed')
          : e instanceof ApiError && e.status === 429
            ? t('tooManyAttempts').replace('{n}', String(Math.ceil((e.problems[0]?.retry_after ?? 60) / 60)))
            : (e as Error).message,
      );
    }
  };
  return (
    <form className="login" onSubmit={(e) => void submit(e)}>
      <h2>{t('login')}</h2>
      <label>
        {t('user')}
        <input
          name="login"
          autoComplete="username"
          value={login}
          onChange={(e) => setLogin(e.target.value)}
        />
      </label>
      <label>
        {t('password')}
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      {error ? <p className="text-danger">{error}</p> : null}
      <button type="submit" className="primary">
        {t('login')}
      </button>
    </form>
  );
}
