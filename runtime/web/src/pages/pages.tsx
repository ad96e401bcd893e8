/** The app's pages: home (module list), a level (table beside its map), a record with its children, a form. */
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { api, type Json, type LevelSummary, levelUrl, type ModuleSummary } from '../api.ts';
import { useAccount } from '../auth.tsx';
import { loadAncestors } from '../form/ancestors.ts';
import { geometryText } from '../geometry-text.ts';
import { useT } from '../i18n.tsx';
import { usePageTitle } from '../page-title.ts';
import { may } from '../permissions.ts';
import { recordLabel } from '../record-label.ts';
import { navigate, onLink } from '../router.ts';
import { useReferenceNames } from '../use-reference-names.ts';
import { useAncestors } from './ancestors.ts';
import { DeleteButton } from './DeleteButton.tsx';
import { LevelTable, type ParentFilter } from './LevelTable.tsx';
import { Breadcrumbs, ParentSummary } from './RecordContext.tsx';
import { RecordFields } from './RecordFields.tsx';
import { RecordHistory } from './RecordHistory.tsx';
import { useForms } from './use-forms.ts';
import { ValidationPanel } from './ValidationPanel.tsx';

// Split off the heavy parts (RJSF with ajv, Leaflet): the login page and the tables load without them.
const RecordForm = lazy(() => import('../form/RecordForm.tsx').then((m) => ({ default: m.RecordForm })));
const ClusterMap = lazy(() => import('./ClusterMap.tsx').then((m) => ({ default: m.ClusterMap })));
const GeometryMap = lazy(() => import('./GeometryMap.tsx').then((m) => ({ default: m.GeometryMap })));

function Link(props: { to: string; children: React.ReactNode; className?: string }) {
  return (
    <a href={props.to} className={props.className} onClick={(e) => onLink(e, props.to)}>
      {props.children}
    </a>
  );
}

/** The home page (modules with their activity, the user's drafts) is home/HomePage.tsx. */
export { HomePage as ModuleList } from '../home/HomePage.tsx';

/** A level's table and, when it has a geometry, its map side by side. */
function LevelView(props: { module: string; level: LevelSummary; parent?: ParentFilter }) {
  const forms = useForms(props.module, props.level.key);
  if (!forms) return null;
  return (
    <div className={props.level.geometry.kind === 'none' ? 'level-view no-map' : 'level-view'}>
      {/* Keyed by level: its sort and filters are read from the URL once, for that level only. */}
      <LevelTable
        key={`${props.module}/${props.level.key}`}
        module={props.module}
        level={props.level.key}
        forms={forms}
        geometry={props.level.geometry.kind !== 'none'}
        {...(props.parent ? { parent: props.parent } : {})}
      />
      {props.level.geometry.kind === 'none' ? null : (
        <Suspense fallback={<div className="map" />}>
          <ClusterMap
            module={props.module}
            level={props.level.key}
            forms={forms}
            {...(props.parent ? { parent: props.parent } : {})}
          />
        </Suspense>
      )}
    </div>
  );
}

/** The module's name above its pages, linking back to the module list. */
function ModuleTitle(props: { module: ModuleSummary }) {
  const { t, label } = useT();
  return (
    <p className="breadcrumb">
      <Link to="/">{t('modules')}</Link> › {label(props.module.label)}
    </p>
  );
}

export function LevelPage(props: { module: ModuleSummary; level: LevelSummary }) {
  const { t, label } = useT();
  const account = useAccount();
  const { module, level } = props;
  usePageTitle(label(level.plural), label(module.label));
  return (
    <section>
      <ModuleTitle module={module} />
      <nav className="tabs">
        {module.levels.map((l) => (
          <Link key={l.key} to={`/m/${module.code}/${l.key}`} className={l.key === level.key ? 'active' : ''}>
            {label(l.plural)}
          </Link>
        ))}
        <Link to={`/dashboard/${module.code}`}>{t('dashboard')}</Link>
      </nav>
      <h2>
        {label(level.plural)}
        {level.parents.length === 0 && may(account, module.code, 'create') ? (
          <Link to={`/m/${module.code}/${level.key}/new`} className="button">
            {t('new')}
          </Link>
        ) : null}
      </h2>
      <LevelView module={module.code} level={level} />
    </section>
  );
}

export function RecordPage(props: { module: ModuleSummary; level: LevelSummary; id: string }) {
  const { t, label, colon, lang } = useT();
  const account = useAccount();
  const { module, level, id } = props;
  const forms = useForms(module.code, level.key);
  const [record, setRecord] = useState<Json | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setRecord(null);
    api
      .get<Json>(`${levelUrl(module.code, level.key)}/${id}`)
      .then(setRecord, (e: Error) => setError(e.message));
  }, [module.code, level.key, id]);
  const shown = useMemo(() => (record ? [record] : null), [record]);
  useReferenceNames(shown, forms, module.code);
  const ancestors = useAncestors(module, level, record);
  const name = record && forms ? recordLabel(record, forms, lang) : '';
  usePageTitle(name || label(level.label), name ? label(level.label) : null, label(module.label));
  if (error) return <p className="text-danger">{error}</p>;
  if (!record || !forms) return <p>{t('loading')}</p>;
  const parent = ancestors.at(-1);
  const geometry = record.geometry as GeoJSON.Geometry | null | undefined;
  return (
    <section data-testid={`record-${level.key}`}>
      <Breadcrumbs module={module} ancestors={ancestors} current={name || label(level.label)} />
      <h2>
        <span className="level-name">
          {label(level.label)}
          {colon}
        </span>
        {name || label(level.label)}
        {may(account, module.code, 'update', record) ? (
          <Link to={`/m/${module.code}/${level.key}/${id}/edit`} className="button">
            {t('edit')}
          </Link>
        ) : null}
        {may(account, module.code, 'delete', record) ? (
          <DeleteButton module={module} level={level} record={record} name={name || label(level.label)} />
        ) : null}
      </h2>
      {parent ? <ParentSummary module={module.code} parent={parent} /> : null}
      <RecordFields record={record} forms={forms} />
      {geometry?.type ? (
        <Suspense fallback={<div className="map geometry-map" />}>
          <GeometryMap geometry={geometry} label={geometryText(geometry, lang) ?? geometry.type} />
        </Suspense>
      ) : null}
      {forms.validated ? <ValidationPanel module={module.code} level={level.key} record={record} /> : null}
      <RecordHistory
        module={module.code}
        level={level.key}
        record={record}
        forms={forms}
        onRestored={setRecord}
      />
      {level.children.map((childKey) => {
        const child = module.levels.find((l) => l.key === childKey);
        if (!child) return null;
        return (
          <section key={childKey} className="children">
            <h3>
              {label(child.plural)}
              {may(account, module.code, 'create') ? (
                <Link
                  to={`/m/${module.code}/${childKey}/new?parent=${level.key}&parent_id=${id}`}
                  className="button"
                >
                  {t('new')}
                  {colon}
                  {label(child.label)}
                </Link>
              ) : null}
            </h3>
            <LevelView module={module.code} level={child} parent={{ level: level.key, id }} />
          </section>
        );
      })}
    </section>
  );
}

export function FormPage(props: {
  module: ModuleSummary;
  level: LevelSummary;
  id?: string;
  parent?: ParentFilter;
}) {
  const { t, label, colon } = useT();
  const { module, level, id, parent } = props;
  const forms = useForms(module.code, level.key);
  const linkLevel = parent?.level;
  const linkId = parent?.id;
  const [record, setRecord] = useState<Json | null | undefined>(id ? undefined : null);
  const [parentRecord, setParentRecord] = useState<Json | null | undefined>(parent ? undefined : null);
  // The records above it, which its rules may read (site.x from an observation): loaded before the form.
  const [ancestors, setAncestors] = useState<Record<string, Json> | undefined>(id || parent ? undefined : {});
  usePageTitle(`${id ? t('edit') : t('new')}${colon}${label(level.label)}`, label(module.label));
  useEffect(() => {
    const above = (record: Json) =>
      Promise.all(
        level.parents.map(async (p) => {
          const pid = record[`${p}_id`];
          if (typeof pid !== 'string') return {};
          const up = await api.get<Json>(`${levelUrl(module.code, p)}/${pid}`).catch(() => undefined);
          return up ? loadAncestors(module, { level: p, record: up }) : {};
        }),
      ).then((found) => Object.assign({}, ...found) as Record<string, Json>);
    if (linkLevel && linkId) {
      api.get<Json>(`${levelUrl(module.code, linkLevel)}/${linkId}`).then(
        (p) => {
          setParentRecord(p);
          loadAncestors(module, { level: linkLevel, record: p }).then(setAncestors, () => setAncestors({}));
        },
        () => {
          setParentRecord(null);
          setAncestors({});
        },
      );
    }
    if (id) {
      api.get<Json>(`${levelUrl(module.code, level.key)}/${id}`).then(
        (r) => {
          setRecord(r);
          if (!linkLevel) above(r).then(setAncestors, () => setAncestors({}));
        },
        () => {
          setRecord(null);
          setAncestors({});
        },
      );
    }
  }, [module, level, id, linkLevel, linkId]);
  if (!forms || record === undefined || parentRecord === undefined || ancestors === undefined)
    return <p>{t('loading')}</p>;
  // A record's parent is read from its own link when editing, so "back" goes to the right page.
  const parentLevel = parent?.level ?? level.parents[0];
  const parentId =
    parent?.id ?? (parentLevel && record ? (record[`${parentLevel}_id`] as string | undefined) : undefined);
  const back =
    parentLevel && parentId
      ? `/m/${module.code}/${parentLevel}/${parentId}`
      : `/m/${module.code}/${level.key}`;
  return (
    <section>
      <ModuleTitle module={module} />
      <h2>
        {id ? t('edit') : t('new')}
        {colon}
        {label(level.label)}
      </h2>
      <Suspense fallback={<p>{t('loading')}</p>}>
        <RecordForm
          key={id ?? 'new'}
          module={module.code}
          level={level.key}
          forms={forms}
          {...(record ? { record } : {})}
          {...(parent ? { parent: { ...parent, ...(parentRecord ? { record: parentRecord } : {}) } } : {})}
          ancestors={ancestors}
          {...(level.parents.length === 1 && level.parents[0] ? { parentLevel: level.parents[0] } : {})}
          onSaved={(saved, next) => {
            // A new record opens on its own page, where its children are entered next.
            if (!next) navigate(`/m/${module.code}/${level.key}/${String(saved.id ?? id)}`);
          }}
        />
      </Suspense>
      <Link to={back}>{t('cancel')}</Link>
    </section>
  );
}
