/**
 * Map columns: for the imported level and each ancestor the file carries, every field with its label,
 * type and whether it is required, and where its value comes from (suggestions pre-filled). An
 * ancestor also says which of its fields find its records. The file's first rows stay in view.
 */

import { suggestBooleanMap, suggestValueMap } from '../../../import/suggest/value-maps.ts';
import { useT } from '../i18n.tsx';
import { FieldControl } from './FieldControl.tsx';
import type { FieldsLevel, ImportableField, ImportTemplate, Inspection } from './import-api.ts';
import { type ImportKey, useImportT, useKindWord } from './import-i18n.ts';
import { PreviewTable } from './PreviewTable.tsx';
import { setField, setMatch, usedColumns } from './template-edit.ts';

/** The codes suggested for a column's distinct preview values (runtime/import/suggest/value-maps.ts). */
function suggestedValues(inspection: Inspection, field: ImportableField, column: string) {
  if (field.multiple) return undefined;
  const cells = [...new Set(inspection.preview.map((r) => (r[column] ?? '').trim()).filter((v) => v !== ''))];
  const suggested =
    field.kind === 'boolean'
      ? suggestBooleanMap(cells)
      : field.codes
        ? suggestValueMap(cells, field.codes)
        : undefined;
  return suggested && Object.keys(suggested.values).length > 0 ? suggested.values : undefined;
}

export function ColumnsStep(props: {
  template: ImportTemplate;
  levels: readonly FieldsLevel[];
  inspection: Inspection;
  suggested: ReadonlySet<string>;
  onChange(template: ImportTemplate): void;
  onBack(): void;
  onNext(): void;
}) {
  const t = useImportT();
  const kindWord = useKindWord();
  const { label, colon } = useT();
  const { template, inspection } = props;
  const used = usedColumns(template);
  const unused = inspection.columns.filter((c) => !used.has(c));
  // Top-down: the site before its visits before their observations.
  const ordered = [...props.levels].reverse();
  return (
    <section aria-labelledby="columns-title">
      <h3 id="columns-title">{t('stepColumns')}</h3>
      <PreviewTable columns={inspection.columns} rows={inspection.preview} limit={3} />
      {ordered.map((level) => {
        const mapping = template.levels[level.key];
        const mapped = Object.keys(mapping?.fields ?? {});
        const match = mapping?.match && 'fields' in mapping.match ? mapping.match.fields : [];
        return (
          <fieldset key={level.key} className="import-level">
            <legend>
              {t('levelOf')} {label(level.label)}
            </legend>
            <ul className="field-rows">
              {level.fields.map((f) => {
                const id = `map-${level.key}-${f.key}`;
                const fieldLabel = label(f.label);
                return (
                  <li key={f.key} className="field-row">
                    <label htmlFor={id} className="field-name">
                      <strong>{fieldLabel}</strong> <code>{f.key}</code>
                      <span className="field-kind">{kindWord(f.kind)}</span>
                      {f.required === true ? <span className="badge required">{t('required')}</span> : null}
                      {f.required === 'conditional' ? (
                        <span className="badge">{t('conditional')}</span>
                      ) : null}
                      {props.suggested.has(`${level.key}/${f.key}`) && mapping?.fields[f.key] ? (
                        <span className="badge suggested">{t('suggested')}</span>
                      ) : null}
                    </label>
                    <FieldControl
                      id={id}
                      label={fieldLabel}
                      field={f}
                      mapping={mapping?.fields[f.key]}
                      columns={inspection.columns}
                      geojsonFile={inspection.source.format === 'geojson'}
                      valuesFor={(column) => suggestedValues(inspection, f, column)}
                      onChange={(m) => props.onChange(setField(template, level.key, f.key, m))}
                    />
                  </li>
                );
              })}
            </ul>
            {level.key !== template.level && mapped.length > 0 ? (
              <fieldset className="match-key">
                <legend>{t('matchKey')}</legend>
                <p className="hint">{t('matchHint')}</p>
                {mapped.map((key) => (
                  <label key={key} className="check">
                    <input
                      type="checkbox"
                      checked={match.includes(key)}
                      onChange={(e) =>
                        props.onChange(
                          setMatch(
                            template,
                            level.key,
                            e.target.checked ? [...match, key] : match.filter((k) => k !== key),
                          ),
                        )
                      }
                    />
                    {label(level.fields.find((f) => f.key === key)?.label)}
                  </label>
                ))}
              </fieldset>
            ) : null}
          </fieldset>
        );
      })}
      {unused.length > 0 ? (
        <p className="hint">
          {t('unusedColumns')}
          {colon}
          {unused.join(', ')}
        </p>
      ) : null}
      <StepButtons onBack={props.onBack} onNext={props.onNext} />
    </section>
  );
}

export function StepButtons(props: { onBack(): void; onNext?: () => void; next?: ImportKey }) {
  const t = useImportT();
  return (
    <div className="import-actions">
      <button type="button" onClick={props.onBack}>
        {t('back')}
      </button>
      {props.onNext ? (
        <button type="button" className="primary" onClick={props.onNext}>
          {t(props.next ?? 'next')}
        </button>
      ) : null}
    </div>
  );
}
