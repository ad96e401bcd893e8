/**
 * Who is signed in. Without the server's readable `suivi_signed_in` cookie (set beside the HttpOnly
 * session at login, cleared at logout) nobody is: the login page shows without asking the server, so an
 * anonymous load logs no failed request. With it, GET /api/auth/me: 200 is the account, 401 (a session
 * that ended meanwhile) asks for the login page and forgets the hint, anything else (a server without
 * accounts) lets the app run anonymously.
 */
import { createContext, type FormEvent, useContext, useState } from 'react';
import { ApiError, api } from './api.ts';
import { useT } from './i18n.tsx';
import { usePageTitle } from './page-title.ts';

export interface Account {
  readonly id: string;
  readonly login: string;
  readonly display_name: string;
  readonly is_admin?: boolean;
  readonly organisation?: { readonly id?: string; readonly name: string } | null;
  /** `{ <module or '*'>: { <CRUVED letter>: scope } }` (permissions.ts reads it). */
  readonly permissions?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

const HINT = 'suivi_signed_in';
const hinted = () => document.cookie.split('; ').some((c) => c.startsWith(`${HINT}=`));
const forgetHint = () => {
  // biome-ignore lint/suspicious/noDocumentCookie: one cookie, cleared once; the Cookie Store API is not in every browser
  document.cookie = `${HINT}=; Max-Age=0; Path=/; SameSite=Lax`;
};

export type Session =
  | { state: 'loading' }
  | { state: 'anonymous' }
  | { state: 'out' }
  | { state: 'in'; account: Account };

export const AccountContext = createContext<Account | null>(null);
export const useAccount = () => useContext(AccountContext);

export async function loadSession(): Promise<Session> {
  if (!hinted()) return { state: 'out' };
  try {
    return { state: 'in', account: await api.get<Account>('/api/auth/me') };
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) return { state: 'anonymous' };
    forgetHint();
    return { state: 'out' };
  }
}

export function LoginPage(props: { onLogin: (account: Account) => void }) {
  const { t } = useT();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  usePageTitle(t('login'));
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
