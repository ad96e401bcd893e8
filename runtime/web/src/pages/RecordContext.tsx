/**
 * Where a record sits in its module: breadcrumbs up the tree (Modules › module › site › visit › this,
 * each a link), and on a child page the parent's key values (its list columns: a visit's date and
 * observers above its observation), so a validator reads an observation with its context.
 */
import { useMemo } from 'react';
import type { ModuleSummary } from '../api.ts';
import { formatValue } from '../format.ts';
import { useT } from '../i18n.tsx';
import { localiseForms } from '../localise-forms.ts';
import { recordLabel } from '../record-label.ts';
import { onLink } from '../router.ts';
import { useReferenceNames } from '../use-reference-names.ts';
import type { Ancestor } from './ancestors.ts';

const recordHref = (module: string, a: Ancestor) => `/m/${module}/${a.level.key}/${String(a.record.id)}`;

function Link(props: { to: string; children: React.ReactNode }) {
  return (
    <a href={props.to} onClick={(e) => onLink(e, props.to)}>
      {props.children}
    </a>
  );
}

export function Breadcrumbs(props: {
  module: ModuleSummary;
  ancestors: readonly Ancestor[];
  current: string;
}) {
  const { t, label, lang } = useT();
  const { module, ancestors } = props;
  return (
    <nav className="breadcrumb" aria-label={t('breadcrumbs')}>
      <Link to="/">{t('modules')}</Link> › <Link to={`/m/${module.code}`}>{label(module.label)}</Link>
      {ancestors.map((a) => (
        <span key={String(a.record.id)}>
          {' › '}
          <Link to={recordHref(module.code, a)}>
            {recordLabel(a.record, localiseForms(a.forms, lang), lang) || label(a.level.label)}
          </Link>
        </span>
      ))}
      {' › '}
      <span aria-current="page">{props.current}</span>
    </nav>
  );
}

/** The direct parent's list columns, under its level's name linking to it. */
export function ParentSummary(props: { module: string; parent: Ancestor }) {
  const { label, lang, colon } = useT();
  const { parent } = props;
  const forms = useMemo(() => localiseForms(parent.forms, lang), [parent.forms, lang]);
  const records = useMemo(() => [parent.record], [parent.record]);
  useReferenceNames(records, forms, props.module);
  const shown = forms.columns
    .map((c) => ({ c, text: formatValue(c.key, parent.record[c.key], forms.schema, forms.ui, lang) }))
    .filter((x) => x.text !== '');
  return (
    <section className="parent-summary" data-testid="parent-summary">
      <h3>
        {label(parent.level.label)}
        {colon}
        <Link to={recordHref(props.module, parent)}>
          {recordLabel(parent.record, forms, lang) || label(parent.level.label)}
        </Link>
      </h3>
      <dl className="fields">
        {shown.map(({ c, text }) => (
          <div key={c.key}>
            <dt>{label(c.label)}</dt>
            <dd>{text}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
