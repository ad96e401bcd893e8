/** Entry of the partner web app: session, language, module list and the client routes. */
import './styles.css';
import { lazy, Suspense, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { api, type ModuleSummary } from './api.ts';
import { AccountContext, LoginPage, loadSession, type Session, useAccount } from './auth.tsx';
import { initialLang, type Lang, LangContext, useT } from './i18n.tsx';
import { OutboxBadge } from './outbox-badge.tsx';
import { usePageTitle } from './page-title.ts';
import { FormPage, LevelPage, ModuleList, RecordPage } from './pages/pages.tsx';
import { may } from './permissions.ts';
import { navigate, onLink, useLocation } from './router.ts';

// Administrators only: its code loads when the page is opened.
const AdminPage = lazy(() => import('./pages/admin/AdminPage.tsx').then((m) => ({ default: m.AdminPage })));
// The dashboards (uPlot with them) load on /dashboard/<module>.
const DashboardPage = lazy(() =>
  import('./pages/dashboard/DashboardPage.tsx').then((m) => ({ default: m.DashboardPage })),
);
// Protocol designers only: the builder (CodeMirror, its editor) loads on /builder routes.
const BuilderPage = lazy(() => import('./builder/BuilderPage.tsx').then((m) => ({ default: m.BuilderPage })));
// Offline field entry (runtime/web/src/offline): its pages load when opened.
const OfflinePage = lazy(() => import('./offline/OfflinePage.tsx').then((m) => ({ default: m.OfflinePage })));
const OutboxPage = lazy(() => import('./offline/OutboxPage.tsx').then((m) => ({ default: m.OutboxPage })));
// Accounts that may create records: the import wizard and job pages (runtime/web/src/import).
const ImportPage = lazy(() => import('./import/ImportPage.tsx').then((m) => ({ default: m.ImportPage })));

function AdminRoute(props: { modules: readonly ModuleSummary[] }) {
  usePageTitle('Administration');
  return (
    <Suspense fallback={null}>
      <AdminPage modules={props.modules} />
    </Suspense>
  );
}

function Routes(props: { modules: readonly ModuleSummary[] }) {
  const { t } = useT();
  const account = useAccount();
  const url = useLocation();
  const [, m, code, levelKey, id, action] = url.pathname.split('/');
  // Administration grants on every module; elsewhere only the modules the account may read.
  if (m === 'admin') return <AdminRoute modules={props.modules} />;
  if (m === 'builder')
    return (
      <Suspense fallback={null}>
        <BuilderPage />
      </Suspense>
    );
  if (m === 'import')
    return (
      <Suspense fallback={null}>
        <ImportPage modules={props.modules} />
      </Suspense>
    );
  if (m === 'offline' || m === 'outbox') {
    const Page = m === 'offline' ? OfflinePage : OutboxPage;
    return (
      <Suspense fallback={null}>
        <Page modules={props.modules} />
      </Suspense>
    );
  }
  const readable = account ? props.modules.filter((x) => may(account, x.code, 'read')) : props.modules;
  const module = readable.find((x) => x.code === code);
  if (m === 'dashboard' && module)
    return (
      <Suspense fallback={null}>
        <DashboardPage module={module} />
      </Suspense>
    );
  if (m !== 'm' || !code) return <ModuleList modules={readable} />;
  const level = module?.levels.find((l) => l.key === levelKey) ?? module?.levels[0];
  if (!module || !level) return <p>{t('empty')}</p>;
  if (id === 'new') {
    const parentLevel = url.searchParams.get('parent');
    const parentId = url.searchParams.get('parent_id');
    const parent = parentLevel && parentId ? { level: parentLevel, id: parentId } : undefined;
    return <FormPage key={url.href} module={module} level={level} {...(parent ? { parent } : {})} />;
  }
  if (id && action === 'edit') return <FormPage key={url.href} module={module} level={level} id={id} />;
  if (id) return <RecordPage module={module} level={level} id={id} />;
  return <LevelPage module={module} level={level} />;
}

function App() {
  const [lang, setLang] = useState<Lang>(initialLang());
  const [session, setSession] = useState<Session>({ state: 'loading' });
  const [modules, setModules] = useState<readonly ModuleSummary[] | null>(null);
  useEffect(() => {
    void loadSession().then(setSession);
    void api.get<{ modules: ModuleSummary[] }>('/api/modules').then((r) => setModules(r.modules));
  }, []);
  useEffect(() => {
    localStorage.setItem('suivi.lang', lang);
    document.documentElement.lang = lang;
  }, [lang]);
  const account = session.state === 'in' ? session.account : null;
  const logout = async () => {
    await api.post('/api/auth/logout', {}).catch(() => undefined);
    setSession({ state: 'out' });
    navigate('/');
  };
  return (
    <LangContext.Provider value={lang}>
      <AccountContext.Provider value={account}>
        <header>
          <h1>
            <a href="/" onClick={(e) => onLink(e, '/')}>
              Suivi
            </a>
          </h1>
          <span className="spacer" />
          {account && modules?.some((x) => may(account, x.code, 'create')) ? (
            <a href="/import" onClick={(e) => onLink(e, '/import')}>
              {lang === 'fr' ? 'Importer' : 'Import'}
            </a>
          ) : null}
          {account?.can_design ? (
            <a href="/builder" onClick={(e) => onLink(e, '/builder')}>
              {lang === 'fr' ? 'Concevoir' : 'Design'}
            </a>
          ) : null}
          {account?.is_admin ? (
            <a href="/admin" onClick={(e) => onLink(e, '/admin')}>
              Administration
            </a>
          ) : null}
          {account ? <OutboxBadge /> : null}
          {account ? <span className="who">{account.display_name}</span> : null}
          {account ? (
            <button type="button" onClick={() => void logout()}>
              {lang === 'fr' ? 'Déconnexion' : 'Log out'}
            </button>
          ) : null}
          <button type="button" className="lang" onClick={() => setLang(lang === 'fr' ? 'en' : 'fr')}>
            {lang === 'fr' ? 'English' : 'Français'}
          </button>
        </header>
        <main>
          {session.state === 'loading' || !modules ? null : session.state === 'out' ? (
            <LoginPage onLogin={(a) => setSession({ state: 'in', account: a })} />
          ) : (
            <Routes modules={modules} />
          )}
        </main>
      </AccountContext.Provider>
    </LangContext.Provider>
  );
}

// The service worker (dist/sw.js) makes the app installable and usable offline; a browser without one,
// or a page served without a secure context, runs the app online only.
if ('serviceWorker' in navigator && window.isSecureContext) {
  void navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined);
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<App />);
