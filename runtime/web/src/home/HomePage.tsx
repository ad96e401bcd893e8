/**
 * The home page: the user's drafts on this device (to resume or discard), then each module they may
 * read with its records counted by level and its latest changes (the record, named as its page names
 * it, when, by whom), from the modules' own list API (`sort=-updated_at`), so the organisation's access
 * rules apply unchanged.
 */
import { useEffect, useState } from 'react';
import './home.css';
import {
  api,
  type Json,
  type LevelForms,
  type LevelSummary,
  levelUrl,
  type ModuleSummary,
  type Page,
} from '../api.ts';
import { useAccount } from '../auth.tsx';
import { formatDate, formatNumber } from '../format.ts';
import { useT } from '../i18n.tsx';
import { localiseForms } from '../localise-forms.ts';
import { usePageTitle } from '../page-title.ts';
import { loadForms } from '../pages/use-forms.ts';
import { recordLabel } from '../record-label.ts';
import { knownUser, loadNames } from '../reference-names.ts';
import { onLink } from '../router.ts';
import { type Draft, discardDraft, draftUrl, listDrafts } from './drafts.ts';
import { useHomeT } from './home-i18n.ts';

/** Latest changes shown per module. */
const LATEST = 5;

interface LevelActivity {
  readonly level: LevelSummary;
  readonly total: number;
  readonly exact: boolean;
  readonly items: readonly Json[];
  /** The level's forms, to name its records as their pages do (record-label.ts); null if unavailable. */
  readonly forms: LevelForms | null;
}

function Link(props: { to: string; children: React.ReactNode; className?: string }) {
  return (
    <a href={props.to} className={props.className} onClick={(e) => onLink(e, props.to)}>
      {props.children}
    </a>
  );
}

async function moduleActivity(module: ModuleSummary): Promise<LevelActivity[]> {
  return Promise.all(
    module.levels.map(async (level) => {
      const [page, forms] = await Promise.all([
        api
          .get<Page>(`${levelUrl(module.code, level.key)}?page_size=${LATEST}&sort=-updated_at`)
          .catch(() => null),
        loadForms(module.code, level.key).catch(() => null),
      ]);
      const items = page?.items ?? [];
      return { level, total: page?.total ?? 0, exact: page?.total_exact !== false, items, forms };
    }),
  );
}

function ModuleActivity(props: { module: ModuleSummary }) {
  const { t, label, lang, colon } = useT();
  const h = useHomeT();
  const { module } = props;
  const [activity, setActivity] = useState<LevelActivity[] | null>(null);
  const [, setNamesLoaded] = useState(0);
  const account = useAccount();
  useEffect(() => {
    // Signed out (or an anonymous session): the lists would answer 401, so no activity is asked for.
    if (!account) return;
    let live = true;
    void moduleActivity(module).then(async (found) => {
      if (!live) return;
      setActivity(found);
      const users = found.flatMap((a) => a.items.map((r) => String(r.updated_by ?? r.created_by ?? '')));
      if (await loadNames([], users.filter(Boolean))) setNamesLoaded((n) => n + 1);
    });
    return () => {
      live = false;
    };
  }, [module, account]);
  const top = module.levels.find((l) => l.parents.length === 0) ?? module.levels[0];
  const latest = (activity ?? [])
    .flatMap((a) => a.items.map((record) => ({ level: a.level, forms: a.forms, record })))
    .sort((a, b) => String(b.record.updated_at).localeCompare(String(a.record.updated_at)))
    .slice(0, LATEST);
  return (
    <li className="module-card" data-testid={`home-${module.code}`}>
      <h3>
        <Link to={`/m/${module.code}/${top?.key ?? ''}`}>{label(module.label)}</Link>
      </h3>
      <ul className="counts">
        {(activity ?? module.levels.map((level) => ({ level, total: null, exact: true }))).map((a) => (
          <li key={a.level.key}>
            <Link to={`/m/${module.code}/${a.level.key}`}>
              {label(a.level.plural)}
              {a.total === null ? '' : `${colon}${formatNumber(a.total, lang)}${a.exact ? '' : '+'}`}
            </Link>
          </li>
        ))}
      </ul>
      {activity === null ? (
        <p className="hint">{t('loading')}</p>
      ) : latest.length === 0 ? (
        <p className="hint">{h('noActivity')}</p>
      ) : (
        <>
          <h4>{h('latest')}</h4>
          <ul className="latest">
            {latest.map(({ level, forms, record }) => {
              const changed = record.updated_at !== record.created_at;
              const who = knownUser(String((changed ? record.updated_by : record.created_by) ?? ''));
              // The record's own name, as its page titles it; the level's name when it has none.
              const name = forms ? recordLabel(record, localiseForms(forms, lang), lang) : '';
              return (
                <li key={String(record.id)}>
                  <span className="level-name">
                    {label(level.label)}
                    {colon}
                  </span>
                  <Link to={`/m/${module.code}/${level.key}/${String(record.id)}`}>
                    {name || label(level.label)}
                  </Link>{' '}
                  <span className="hint">
                    {changed ? h('updated') : h('created')} {formatDate(String(record.updated_at), lang)}
                    {who ? ` ${h('by')} ${who}` : ''}
                  </span>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </li>
  );
}

function Drafts(props: { modules: readonly ModuleSummary[] }) {
  const { t, label, lang, colon } = useT();
  const h = useHomeT();
  const account = useAccount();
  const [drafts, setDrafts] = useState<Draft[]>(() => (account ? listDrafts(account.id) : []));
  const shown = drafts
    .map((d) => ({ draft: d, module: props.modules.find((m) => m.code === d.module) }))
    .filter((x) => x.module?.levels.some((l) => l.key === x.draft.level));
  if (shown.length === 0) return null;
  return (
    <section className="drafts" data-testid="drafts">
      <h2>{h('drafts')}</h2>
      <p className="hint">{h('draftsHint')}</p>
      <ul>
        {shown.map(({ draft, module }) => {
          const level = module?.levels.find((l) => l.key === draft.level);
          const parent = module?.levels.find((l) => l.key === draft.parent?.level);
          return (
            <li key={`${draft.module}/${draft.level}/${draft.parent?.id ?? ''}`}>
              <span>
                {t('new')}
                {colon}
                {label(level?.label)}
                {parent ? ` (${h('forParent')} ${label(parent.label).toLowerCase()})` : ''} —{' '}
                {label(module?.label)}
                <span className="hint">
                  {' '}
                  {h('startedOn')} {formatDate(draft.savedAt, lang)}
                </span>
              </span>
              <span className="draft-actions">
                <Link to={draftUrl(draft)} className="button">
                  {h('resume')}
                </Link>
                <button
                  type="button"
                  onClick={() => {
                    if (!window.confirm(h('discardAsk'))) return;
                    discardDraft(draft);
                    setDrafts((all) => all.filter((d) => d !== draft));
                  }}
                >
                  {h('discard')}
                </button>
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function HomePage(props: { modules: readonly ModuleSummary[] }) {
  const { t } = useT();
  const h = useHomeT();
  usePageTitle(h('home'));
  return (
    <section className="home">
      <Drafts modules={props.modules} />
      <h2>{t('modules')}</h2>
      <ul className="modules">
        {props.modules.map((m) => (
          <ModuleActivity key={m.code} module={m} />
        ))}
      </ul>
    </section>
  );
}
