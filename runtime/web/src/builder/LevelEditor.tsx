/** One level's properties (key, type, labels, parents, geometry) above its field list. */
import { useContext } from 'react';
import { STANDARD_FIELDS } from '../../../../protocol-specs/standard/standard-fields.ts';
import type { Json } from '../api.ts';
import { LangContext } from '../i18n.tsx';
import { useBuilderT } from './builder-i18n.ts';
import { useEditor } from './editor-context.ts';
import { FieldList } from './FieldList.tsx';
import { LEVEL_TYPE_LABELS, LEVEL_TYPES, type LevelType } from './field-kinds.ts';
import { asLabels, CheckboxInput, LabelsInput, SelectInput, TextInput } from './inputs.tsx';
import { isObject, levelsOf } from './spec-model.ts';
import type { Path } from './spec-paths.ts';

/** The standard fields of the level's type, unticked ones listed in `omitStandardFields`. */
function StandardFields(props: { readonly level: Json; readonly path: Path }) {
  const b = useBuilderT();
  const lang = useContext(LangContext);
  const { set } = useEditor();
  const standard = STANDARD_FIELDS[props.level.type as LevelType] ?? [];
  if (standard.length === 0) return null;
  const omitted = new Set(
    Array.isArray(props.level.omitStandardFields) ? props.level.omitStandardFields.map(String) : [],
  );
  const toggle = (key: string, kept: boolean) => {
    const next = standard.map((f) => f.key).filter((k) => (k === key ? !kept : omitted.has(k)));
    set([...props.path, 'omitStandardFields'], next.length > 0 ? next : undefined);
  };
  return (
    <fieldset className="b-codes">
      <legend>{b('standardFields')}</legend>
      {standard.map((f) => {
        const labels = asLabels(f.label);
        return (
          <label key={f.key}>
            <input
              type="checkbox"
              name={`std_${f.key}`}
              checked={!omitted.has(f.key)}
              onChange={(e) => toggle(f.key, e.target.checked)}
            />
            {(lang === 'en' ? labels.en : undefined) || labels.fr} <code>{f.key}</code>
          </label>
        );
      })}
    </fieldset>
  );
}

const GEOMETRY_KINDS = ['none', 'point', 'line', 'polygon', 'any'];

export function LevelEditor(props: { readonly level: number }) {
  const b = useBuilderT();
  const lang = useContext(LangContext);
  const { spec, set } = useEditor();
  const levels = levelsOf(spec);
  const level = levels[props.level];
  if (!level) return null;
  const path = ['levels', props.level];
  const parents = new Set(Array.isArray(level.parents) ? level.parents.map(String) : []);
  const geometry: Json | undefined = isObject(level.geometry) ? level.geometry : undefined;
  const toggleParent = (key: string, on: boolean) => {
    const next = levels.map((l) => String(l.key)).filter((k) => (k === key ? on : parents.has(k)));
    set([...path, 'parents'], next.length > 0 ? next : undefined);
  };
  return (
    <section className="b-level" aria-labelledby="b-level-title">
      <h3 id="b-level-title">{b('levelProps')}</h3>
      <div className="b-grid">
        <TextInput
          name="level_key"
          label={b('key')}
          value={level.key}
          onValue={(v) => set([...path, 'key'], v ?? '')}
        />
        <SelectInput
          name="level_type"
          label={b('levelType')}
          value={level.type}
          options={LEVEL_TYPES.map((t) => ({ value: t, label: LEVEL_TYPE_LABELS[t][lang] }))}
          onValue={(v) => set([...path, 'type'], v)}
        />
      </div>
      <LabelsInput
        name="level_label"
        labels={[b('labelFr'), b('labelEn')]}
        value={level.label}
        onValue={(v) => set([...path, 'label'], v ?? { fr: '' })}
      />
      <fieldset className="b-codes">
        <legend>{b('parents')}</legend>
        {levels.filter((l) => l !== level).length === 0 ? (
          <span className="hint">{b('noParent')}</span>
        ) : null}
        {levels
          .filter((l) => l !== level)
          .map((l) => (
            <label key={String(l.key)}>
              <input
                type="checkbox"
                checked={parents.has(String(l.key))}
                onChange={(e) => toggleParent(String(l.key), e.target.checked)}
              />
              <code>{String(l.key)}</code>
            </label>
          ))}
      </fieldset>
      <div className="b-grid">
        <SelectInput
          name="geometry_kind"
          label={b('geometry')}
          value={geometry?.kind}
          empty={b('geometryDefault')}
          options={GEOMETRY_KINDS.map((g) => ({ value: g, label: g }))}
          onValue={(v) =>
            set(
              [...path, 'geometry'],
              v === undefined
                ? undefined
                : { kind: v, ...(v === 'none' ? {} : { required: geometry?.required !== false }) },
            )
          }
        />
        {geometry && geometry.kind !== 'none' ? (
          <CheckboxInput
            name="geometry_required"
            label={b('geometryRequired')}
            value={geometry.required !== false}
            onValue={(v) => set([...path, 'geometry', 'required'], v === true)}
          />
        ) : null}
      </div>
      <StandardFields level={level} path={path} />
      <h3>{b('fields')}</h3>
      <FieldList level={props.level} within={[]} listPath={[...path, 'fields']} />
    </section>
  );
}
