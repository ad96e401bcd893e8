/**
 * The fields of a level (or the row fields of a group) in form order: select one, move it, remove it,
 * or add a new one of any kind. A new field's id and key come from its label (spec-model.ts).
 */
import { useContext, useId, useState } from 'react';
import { LangContext } from '../i18n.tsx';
import { useBuilderT } from './builder-i18n.ts';
import { useEditor } from './editor-context.ts';
import { FIELD_KIND_EDITING, FIELD_KINDS, type FieldKind } from './field-kinds.ts';
import { asLabels } from './inputs.tsx';
import { levelSelection, sameSelection } from './selection.ts';
import { addField, fieldsAt } from './spec-model.ts';
import { moveAt, type Path, removeAt } from './spec-paths.ts';

export function FieldList(props: {
  readonly level: number;
  /** Indexes of the enclosing group field, when these are a group's row fields. */
  readonly within: readonly number[];
  readonly listPath: Path;
}) {
  const b = useBuilderT();
  const lang = useContext(LangContext);
  const { spec, edit, select, selection, diagnostics } = useEditor();
  const fields = fieldsAt(spec, props.listPath);
  const [kind, setKind] = useState<FieldKind>('text');
  const [label, setLabel] = useState('');
  const kindId = useId();
  const labelId = useId();
  const kinds = FIELD_KINDS.filter((k) => props.within.length === 0 || k !== 'group');
  const add = () => {
    const text = label.trim() || FIELD_KIND_EDITING[kind].label.fr;
    const added = addField(spec, props.listPath, kind, { fr: text });
    edit(added.spec);
    setLabel('');
    select(levelSelection(props.level, [...props.within, added.index]));
  };
  const prefix = `/${props.listPath.join('/')}/`;
  return (
    <div className="b-fields">
      {fields.length === 0 ? <p className="hint">{props.within.length === 0 ? b('noFields') : ''}</p> : null}
      <ol>
        {fields.map((f, i) => {
          const here = levelSelection(props.level, [...props.within, i]);
          const labels = asLabels(f.label);
          const errors = diagnostics.filter(
            (d) => d.severity === 'error' && d.path.startsWith(`${prefix}${i}`),
          ).length;
          return (
            <li key={String(f.id ?? i)} className={sameSelection(selection, here) ? 'selected' : undefined}>
              <button
                type="button"
                className="b-pick"
                onClick={() => select(here)}
                aria-current={sameSelection(selection, here)}
              >
                <span>{(lang === 'en' ? labels.en : undefined) || labels.fr || String(f.key)}</span>{' '}
                <small>
                  {FIELD_KIND_EDITING[f.kind as FieldKind]?.label[lang] ?? String(f.kind)} ·{' '}
                  <code>{String(f.key)}</code>
                </small>
                {errors > 0 ? <span className="b-badge">{errors}</span> : null}
              </button>
              <span className="b-tools">
                <button
                  type="button"
                  aria-label={`${b('moveUp')} ${String(f.key)}`}
                  disabled={i === 0}
                  onClick={() => edit(moveAt(spec, props.listPath, i, -1))}
                >
                  ↑
                </button>
                <button
                  type="button"
                  aria-label={`${b('moveDown')} ${String(f.key)}`}
                  disabled={i === fields.length - 1}
                  onClick={() => edit(moveAt(spec, props.listPath, i, 1))}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="danger"
                  aria-label={`${b('remove')} ${String(f.key)}`}
                  onClick={() => {
                    edit(removeAt(spec, props.listPath, i));
                    select(levelSelection(props.level, props.within));
                  }}
                >
                  ✕
                </button>
              </span>
            </li>
          );
        })}
      </ol>
      <form
        className="b-add"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <label htmlFor={kindId}>{b('kind')}</label>
        <select
          id={kindId}
          name="new_field_kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as FieldKind)}
        >
          {kinds.map((k) => (
            <option key={k} value={k}>
              {FIELD_KIND_EDITING[k].label[lang]}
            </option>
          ))}
        </select>
        <label htmlFor={labelId}>{b('newFieldLabel')}</label>
        <input id={labelId} name="new_field_label" value={label} onChange={(e) => setLabel(e.target.value)} />
        <button type="submit">{b('addField')}</button>
      </form>
    </div>
  );
}
