/**
 * Map values: the provider's texts of each coded field → the field's codes (the preview's distinct
 * values, suggestions pre-filled, the ones nothing fits marked), how taxa are named, the date format,
 * the decimal separator, the "no value" texts, and the coordinate system of the geometry.
 */
import { useT } from '../i18n.tsx';
import { StepButtons } from './ColumnsStep.tsx';
import type { FieldMapping, FieldsLevel, ImportableField, ImportTemplate, Inspection } from './import-api.ts';
import { useImportT } from './import-i18n.ts';
import { setConventions, setField, setValue } from './template-edit.ts';

const DATE_FORMATS = ['yyyy-mm-dd', 'dd/mm/yyyy', 'mm/dd/yyyy', 'dd.mm.yyyy'] as const;
const TAXON_BY = ['auto', 'cd_nom', 'scientific_name', 'vernacular_name'] as const;
const COMMON_EPSG: readonly [number, string][] = [
  [2154, 'Lambert-93 (EPSG:2154)'],
  [4326, 'WGS 84 (EPSG:4326)'],
  [27572, 'Lambert II étendu (EPSG:27572)'],
  [3857, 'Web Mercator (EPSG:3857)'],
];

function distinctValues(inspection: Inspection, column: string, separator?: string): string[] {
  const cells = inspection.preview.map((r) => (r[column] ?? '').trim()).filter((v) => v !== '');
  const parts = separator ? cells.flatMap((c) => c.split(separator).map((p) => p.trim())) : cells;
  return [...new Set(parts)].filter((v) => v !== '');
}

function ValueMap(props: {
  level: string;
  field: ImportableField;
  mapping: Extract<FieldMapping, { column: string }>;
  inspection: Inspection;
  onChange(m: FieldMapping): void;
}) {
  const t = useImportT();
  const { label } = useT();
  const { field, mapping } = props;
  const codes =
    field.kind === 'boolean'
      ? [
          { code: 'true', label: { fr: 'oui', en: 'yes' } },
          { code: 'false', label: { fr: 'non', en: 'no' } },
        ]
      : (field.codes ?? []);
  const texts = distinctValues(
    props.inspection,
    mapping.column,
    field.multiple ? (mapping.separator ?? ',') : undefined,
  );
  return (
    <fieldset className="value-map">
      <legend>
        {t('valuesOf')} {label(field.label)} ({mapping.column})
      </legend>
      <ul>
        {texts.map((text) => {
          const mapped = mapping.values?.[text];
          const isCode = codes.some((c) => c.code === text);
          const id = `val-${props.level}-${field.key}-${text}`;
          return (
            <li key={text} className={mapped === undefined && !isCode ? 'unmapped' : ''}>
              <label htmlFor={id}>
                <q>{text}</q>
                {mapped === undefined && !isCode ? (
                  <span className="badge required">{t('unmapped')}</span>
                ) : null}
              </label>
              <select
                id={id}
                value={mapped ?? ''}
                onChange={(e) =>
                  props.onChange(setValue(mapping, text, e.target.value === '' ? undefined : e.target.value))
                }
              >
                <option value="">{t('asIs')}</option>
                {codes.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.code} — {label(c.label)}
                  </option>
                ))}
              </select>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

export function ValuesStep(props: {
  template: ImportTemplate;
  levels: readonly FieldsLevel[];
  inspection: Inspection;
  onChange(template: ImportTemplate): void;
  onBack(): void;
  onNext(): void;
}) {
  const t = useImportT();
  const { label } = useT();
  const { template } = props;
  const conventions = template.conventions ?? {};
  const entries = props.levels.flatMap((level) =>
    Object.entries(template.levels[level.key]?.fields ?? {}).flatMap(([key, mapping]) => {
      const field = level.fields.find((f) => f.key === key);
      return field ? [{ level: level.key, field, mapping }] : [];
    }),
  );
  const update = (level: string, key: string, m: FieldMapping) =>
    props.onChange(setField(template, level, key, m));
  return (
    <section aria-labelledby="values-title">
      <h3 id="values-title">{t('stepValues')}</h3>
      <div className="import-form">
        <label>
          {t('dateFormat')}
          <select
            value={conventions.date_format ?? ''}
            onChange={(e) =>
              props.onChange(
                setConventions(template, {
                  date_format: (e.target.value || undefined) as (typeof DATE_FORMATS)[number] | undefined,
                }),
              )
            }
          >
            <option value="">{t('none')}</option>
            {DATE_FORMATS.map((f) => (
              <option key={f}>{f}</option>
            ))}
          </select>
        </label>
        <label>
          {t('decimal')}
          <select
            value={conventions.decimal_separator ?? '.'}
            onChange={(e) =>
              props.onChange(setConventions(template, { decimal_separator: e.target.value as '.' | ',' }))
            }
          >
            <option value=".">. (12.5)</option>
            <option value=",">, (12,5)</option>
          </select>
        </label>
        <label>
          {t('nullValues')}
          <input
            value={(conventions.null_values ?? []).join(' ')}
            aria-describedby="null-hint"
            onChange={(e) =>
              props.onChange(
                setConventions(template, { null_values: e.target.value.split(/\s+/).filter(Boolean) }),
              )
            }
          />
        </label>
        <span id="null-hint" className="hint">
          {t('nullHint')}
        </span>
      </div>
      {entries.map(({ level, field, mapping }) => {
        if ('taxon_column' in mapping)
          return (
            <label key={`${level}/${field.key}`} className="import-form">
              {t('taxonBy')} ({label(field.label)}, {mapping.taxon_column})
              <select
                value={mapping.by}
                onChange={(e) =>
                  update(level, field.key, { ...mapping, by: e.target.value as (typeof TAXON_BY)[number] })
                }
              >
                {TAXON_BY.map((b) => (
                  <option key={b} value={b}>
                    {t(`by_${b}`)}
                  </option>
                ))}
              </select>
            </label>
          );
        if ('srid' in mapping)
          return (
            <label key={`${level}/${field.key}`} className="import-form">
              {t('epsg')} ({label(field.label)})
              <input
                type="number"
                min={1}
                list="epsg-codes"
                value={mapping.srid}
                onChange={(e) =>
                  update(level, field.key, { ...mapping, srid: Number(e.target.value) || 4326 })
                }
              />
              <datalist id="epsg-codes">
                {COMMON_EPSG.map(([code, name]) => (
                  <option key={code} value={code}>
                    {name}
                  </option>
                ))}
              </datalist>
            </label>
          );
        if ('column' in mapping && (field.codes || field.kind === 'boolean'))
          return (
            <ValueMap
              key={`${level}/${field.key}`}
              level={level}
              field={field}
              mapping={mapping}
              inspection={props.inspection}
              onChange={(m) => update(level, field.key, m)}
            />
          );
        return null;
      })}
      {entries.length === 0 ? <p>{t('noValues')}</p> : null}
      <StepButtons onBack={props.onBack} onNext={props.onNext} />
    </section>
  );
}
