/**
 * /admin: users, organisations and grants, for administrators (the server refuses everyone else, and
 * the header only links here for them). Tabs are `?tab=users|organisations|grants|modules`.
 */
import './admin.css';
import type { ModuleSummary } from '../../api.ts';
import { onLink, useLocation } from '../../router.ts';
import type { AdminUser, Organisation } from './admin-api.ts';
import { useList } from './admin-api.ts';
import { useAdminT } from './admin-i18n.ts';
import { GrantsPanel } from './GrantsPanel.tsx';
import { MetadataPanel } from './MetadataPanel.tsx';
import { ModulesPanel } from './ModulesPanel.tsx';
import { OrganisationsPanel } from './OrganisationsPanel.tsx';
import { Problems } from './Problems.tsx';
import { UsersPanel } from './UsersPanel.tsx';

const TABS = ['users', 'organisations', 'grants', 'modules', 'metadata'] as const;

export function AdminPage(props: { modules: readonly ModuleSummary[] }) {
  const a = useAdminT();
  const url = useLocation();
  const tab = TABS.find((x) => x === url.searchParams.get('tab')) ?? 'users';
  const users = useList<AdminUser>('/api/admin/users', 'users');
  const organisations = useList<Organisation>('/api/admin/organisations', 'organisations');
  const reload = () => {
    void users.reload();
    void organisations.reload();
  };
  return (
    <section className="admin">
      <h2>{a('admin')}</h2>
      <nav className="tabs">
        {TABS.map((x) => (
          <a
            key={x}
            href={`/admin?tab=${x}`}
            className={x === tab ? 'active' : ''}
            onClick={(e) => onLink(e, `/admin?tab=${x}`)}
          >
            {a(x)}
          </a>
        ))}
      </nav>
      <Problems error={users.error ?? organisations.error} />
      {!users.items || !organisations.items ? null : tab === 'users' ? (
        <UsersPanel users={users.items} organisations={organisations.items} onChange={reload} />
      ) : tab === 'organisations' ? (
        <OrganisationsPanel organisations={organisations.items} onChange={reload} />
      ) : tab === 'grants' ? (
        <GrantsPanel modules={props.modules} users={users.items} organisations={organisations.items} />
      ) : tab === 'metadata' ? (
        <MetadataPanel />
      ) : (
        <ModulesPanel />
      )}
    </section>
  );
}
