/**
 * /import: the import wizard (choose module, level, provider and template; upload; map columns; map
 * values; dry run; fix; run), /import/jobs?module=<code>: a module's imports, /import/jobs/<id>: one
 * import. Loaded as its own chunk when one of these pages opens (main.tsx).
 */
import './import.css';
import type { ModuleSummary } from '../api.ts';
import { useAccount } from '../auth.tsx';
import { may } from '../permissions.ts';
import { useLocation } from '../router.ts';
import { useImportT } from './import-i18n.ts';
import { JobList } from './JobList.tsx';
import { JobPage } from './JobPage.tsx';
import { Wizard } from './Wizard.tsx';

export function ImportPage(props: { modules: readonly ModuleSummary[] }) {
  const t = useImportT();
  const account = useAccount();
  const url = useLocation();
  const [, , jobs, id] = url.pathname.split('/');
  const importable = props.modules.filter((m) => may(account, m.code, 'create'));
  if (importable.length === 0) return <p>{t('notAllowed')}</p>;
  if (jobs === 'jobs' && id) return <JobPage id={id} modules={importable} />;
  if (jobs === 'jobs')
    return (
      <JobList modules={importable} module={url.searchParams.get('module') ?? importable[0]?.code ?? ''} />
    );
  return <Wizard modules={importable} />;
}
