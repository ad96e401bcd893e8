/**
 * The import wizard's state and steps: start (module, level, provider, template) → upload → columns →
 * values → dry run and run. A new template is suggested from the file (POST …/suggest); a saved one is
 * loaded at its current version, and every save makes a new version. The template can be exported
 * as JSON, or one imported from a JSON file, at any step after the start.
 */
import { useState } from 'react';
import { api, type ModuleSummary } from '../api.ts';
import { usePageTitle } from '../page-title.ts';
import { ColumnsStep } from './ColumnsStep.tsx';
import {
  type FieldsLevel,
  type ImportTemplate,
  type Inspection,
  TEMPLATES,
  type TemplateDetail,
  type TemplateSuggestion,
  type UploadedFile,
} from './import-api.ts';
import { type ImportKey, useImportT } from './import-i18n.ts';
import { Problems } from './Problems.tsx';
import { RunStep, type SavedTemplate } from './RunStep.tsx';
import { type StartChoice, StartStep } from './StartStep.tsx';
import { UploadStep } from './UploadStep.tsx';
import { ValuesStep } from './ValuesStep.tsx';

type Step = 'start' | 'upload' | 'columns' | 'values' | 'run';
const STEPS: readonly [Step, ImportKey][] = [
  ['upload', 'stepUpload'],
  ['columns', 'stepColumns'],
  ['values', 'stepValues'],
  ['run', 'stepRun'],
];

export function Wizard(props: { modules: readonly ModuleSummary[] }) {
  const t = useImportT();
  usePageTitle(t('title'));
  const [step, setStep] = useState<Step>('start');
  const [choice, setChoice] = useState<StartChoice>();
  const [levels, setLevels] = useState<readonly FieldsLevel[]>([]);
  const [file, setFile] = useState<UploadedFile>();
  const [inspection, setInspection] = useState<Inspection>();
  const [template, setTemplate] = useState<ImportTemplate>();
  const [saved, setSaved] = useState<SavedTemplate>();
  const [suggested, setSuggested] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<unknown>();

  const start = async (c: StartChoice) => {
    setError(undefined);
    try {
      const fields = await api.get<{ levels: FieldsLevel[] }>(
        `${TEMPLATES}/fields?module=${encodeURIComponent(c.module)}&level=${encodeURIComponent(c.level)}`,
      );
      setLevels(fields.levels);
      if ('id' in c.template) {
        const detail = await api.get<TemplateDetail>(`${TEMPLATES}/${c.template.id}`);
        setTemplate(detail.body);
        setSaved({ id: detail.template.id, version: detail.template.current_version });
      } else {
        setTemplate(undefined);
        setSaved(undefined);
      }
      setChoice(c);
      setStep('upload');
    } catch (e) {
      setError(e);
    }
  };

  const toColumns = async () => {
    if (!choice || !inspection) return;
    setError(undefined);
    try {
      if (template) setTemplate({ ...template, source: inspection.source });
      else {
        const s = await api.post<TemplateSuggestion>(`${TEMPLATES}/suggest`, {
          module: choice.module,
          level: choice.level,
          provider: choice.provider,
          name: 'name' in choice.template ? choice.template.name : '',
          file: { ...inspection, preview: inspection.preview.slice(0, 200) },
        });
        setTemplate(s.template);
        setSuggested(new Set(s.columns.flatMap((c) => (c.field ? [`${c.level}/${c.field}`] : []))));
      }
      setStep('columns');
    } catch (e) {
      setError(e);
    }
  };

  const importJson = async (jsonFile: File) => {
    setError(undefined);
    try {
      const body: unknown = JSON.parse(await jsonFile.text());
      const detail = await api.post<TemplateDetail>(`${TEMPLATES}/import`, body);
      setTemplate(inspection ? { ...detail.body, source: inspection.source } : detail.body);
      setSaved({ id: detail.template.id, version: detail.template.current_version });
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section className="import" aria-labelledby="import-title">
      <h2 id="import-title">{t('title')}</h2>
      {step !== 'start' ? (
        <ol className="import-steps" aria-label={t('steps')}>
          {STEPS.map(([s, key]) => (
            <li key={s} aria-current={s === step ? 'step' : undefined}>
              {t(key)}
            </li>
          ))}
        </ol>
      ) : null}
      <Problems error={error} />
      {step === 'start' ? <StartStep modules={props.modules} onStart={(c) => void start(c)} /> : null}
      {step !== 'start' && choice ? (
        <div className="template-tools">
          <span>
            {choice.provider} — {template?.name ?? ('name' in choice.template ? choice.template.name : '')}
            {saved ? ` (${t('version')} ${saved.version})` : ''}
          </span>
          {saved ? (
            <a href={`${TEMPLATES}/${saved.id}/export?version=${saved.version}`} download>
              {t('exportTemplate')}
            </a>
          ) : null}
          <label className="file-button">
            {t('importTemplate')}
            <input
              type="file"
              accept=".json,application/json"
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f) void importJson(f);
              }}
            />
          </label>
        </div>
      ) : null}
      {step === 'upload' ? (
        <UploadStep
          {...(file ? { file } : {})}
          {...(inspection ? { inspection } : {})}
          onRead={(f, i) => {
            setFile(f);
            setInspection(i);
          }}
          onNext={() => void toColumns()}
        />
      ) : null}
      {step === 'columns' && template && inspection ? (
        <ColumnsStep
          template={template}
          levels={levels}
          inspection={inspection}
          suggested={suggested}
          onChange={setTemplate}
          onBack={() => setStep('upload')}
          onNext={() => setStep('values')}
        />
      ) : null}
      {step === 'values' && template && inspection ? (
        <ValuesStep
          template={template}
          levels={levels}
          inspection={inspection}
          onChange={setTemplate}
          onBack={() => setStep('columns')}
          onNext={() => setStep('run')}
        />
      ) : null}
      {step === 'run' && template && inspection && file ? (
        <RunStep
          template={template}
          file={file}
          inspection={inspection}
          {...(saved ? { saved } : {})}
          onSaved={setSaved}
          onFix={() => setStep('columns')}
          onBack={() => setStep('values')}
        />
      ) : null}
    </section>
  );
}
