/** The wizard's first step: which module and level the rows fill, who sent the file, which template. */
import { useState } from 'react';
import type { ModuleSummary } from '../api.ts';
import { useT } from '../i18n.tsx';
import { onLink } from '../router.ts';
import { TEMPLATES, type TemplateSummary, useGet } from './import-api.ts';
import { useImportT } from './import-i18n.ts';

export interface StartChoice {
  readonly module: string;
  readonly level: string;
  readonly provider: string;
  /** A saved template, or a new one by this name. */
  readonly template: { readonly id: string; readonly version: number } | { readonly name: string };
}

export function StartStep(props: { modules: readonly ModuleSummary[]; onStart(choice: StartChoice): void }) {
  const t = useImportT();
  const { label } = useT();
  const [module, setModule] = useState(props.modules[0]?.code ?? '');
  const summary = props.modules.find((m) => m.code === module);
  const levels = summary?.levels ?? [];
  const [level, setLevel] = useState(levels[levels.length - 1]?.key ?? '');
  const [provider, setProvider] = useState('');
  const [templateId, setTemplateId] = useState('');
  const [name, setName] = useState('');
  const list = useGet<{ templates: TemplateSummary[] }>(
    module && level
      ? `${TEMPLATES}?module=${encodeURIComponent(module)}&level=${encodeURIComponent(level)}`
      : null,
  );
  const templates = list.data?.templates ?? [];
  const chosen = templates.find((x) => x.id === templateId);
  const ready = module && level && (chosen || (provider.trim() && name.trim()));
  return (
    <form
      className="import-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!ready) return;
        props.onStart({
          module,
          level,
          provider: chosen?.provider ?? provider.trim(),
          template: chosen ? { id: chosen.id, version: chosen.current_version } : { name: name.trim() },
        });
      }}
    >
      <label>
        {t('module')}
        <select
          value={module}
          onChange={(e) => {
            setModule(e.target.value);
            const next = props.modules.find((m) => m.code === e.target.value)?.levels ?? [];
            setLevel(next[next.length - 1]?.key ?? '');
            setTemplateId('');
          }}
        >
          {props.modules.map((m) => (
            <option key={m.code} value={m.code}>
              {label(m.label)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('level')}
        <select
          value={level}
          onChange={(e) => {
            setLevel(e.target.value);
            setTemplateId('');
          }}
        >
          {levels.map((l) => (
            <option key={l.key} value={l.key}>
              {label(l.label)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('template')}
        <select value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
          <option value="">{t('newTemplate')}</option>
          {templates.map((x) => (
            <option key={x.id} value={x.id}>
              {x.provider} — {x.name} ({t('version')} {x.current_version})
            </option>
          ))}
        </select>
      </label>
      {chosen ? null : (
        <>
          <label>
            {t('provider')}
            <input
              value={provider}
              onChange={(e) => setProvider(e.target.value)}
              required
              aria-describedby="provider-hint"
            />
          </label>
          <span id="provider-hint" className="hint">
            {t('providerHint')}
          </span>
          <label>
            {t('templateName')}
            <input value={name} onChange={(e) => setName(e.target.value)} required />
          </label>
        </>
      )}
      <div className="import-actions">
        <button type="submit" className="primary" disabled={!ready}>
          {t('start')}
        </button>
        <a href={`/import/jobs?module=${module}`} onClick={(e) => onLink(e, `/import/jobs?module=${module}`)}>
          {t('jobsOf')}
        </a>
      </div>
    </form>
  );
}
