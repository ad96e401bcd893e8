/**
 * One field's properties: labels and help in both languages, its key (following the label until it was
 * published or edited by hand; the id never changes), requirement, visibility, computation, then the
 * properties of its kind, and a group's row fields.
 */
import { useContext } from 'react';
import type { Json } from '../api.ts';
import { LangContext } from '../i18n.tsx';
import { useBuilderT } from './builder-i18n.ts';
import { useEditor } from './editor-context.ts';
import { FieldList } from './FieldList.tsx';
import { FieldProperties } from './FieldProperties.tsx';
import { FIELD_KIND_EDITING, type FieldKind } from './field-kinds.ts';
import { asLabels, CheckboxInput, LabelsInput, TextInput } from './inputs.tsx';
import { RequiredSlot, RuleSlot } from './RuleSlots.tsx';
import { ruleNames } from './rule-names.ts';
import { fieldPath } from './selection.ts';
import { fieldsAt, isFieldKind, keyFor, setFieldLabel } from './spec-model.ts';
import { getIn, toPointer } from './spec-paths.ts';

export function FieldEditor(props: { readonly level: number; readonly field: readonly number[] }) {
  const b = useBuilderT();
  const lang = useContext(LangContext);
  const { spec, edit, set, publishedIds } = useEditor();
  const path = fieldPath(props.level, props.field);
  const field = getIn(spec, path) as Json | undefined;
  if (!field || !isFieldKind(field.kind)) return <p className="hint">{b('fieldSelect')}</p>;
  const kind: FieldKind = field.kind;
  const editing = FIELD_KIND_EDITING[kind];
  const group =
    props.field.length > 1
      ? (getIn(spec, fieldPath(props.level, props.field.slice(0, 1))) as Json)
      : undefined;
  const names = ruleNames(spec, props.level, { ...(group ? { group } : {}) });
  const filterNames = ruleNames(spec, props.level, { ...(group ? { group } : {}), slot: 'filter' });
  const published = typeof field.id === 'string' && publishedIds.has(field.id);
  const siblings = new Set(
    fieldsAt(spec, path.slice(0, -1))
      .filter((f) => f !== field)
      .map((f) => String(f.key)),
  );
  const follows = !published && field.key === keyFor(asLabels(field.label).fr, siblings);
  return (
    <section className="b-field" aria-labelledby="b-field-title">
      <h3 id="b-field-title">
        {b('fieldProps')} — {editing.label[lang]}
      </h3>
      <p className="hint">
        {b('id')} <code>{String(field.id ?? '')}</code>
      </p>
      <LabelsInput
        name="label"
        labels={[b('labelFr'), b('labelEn')]}
        value={field.label}
        onValue={(v) =>
          edit(setFieldLabel(spec, path, v ?? { fr: '' }, follows), toPointer([...path, 'label']))
        }
      />
      <TextInput
        name="key"
        label={b('key')}
        value={field.key}
        onValue={(v) => set([...path, 'key'], v ?? '')}
        {...(published ? { hint: b('keyRenameHint') } : {})}
      />
      <LabelsInput
        name="help"
        labels={[b('helpFr'), b('helpEn')]}
        value={field.help}
        onValue={(v) => set([...path, 'help'], v)}
        multiline
      />
      {editing.stores !== 'nothing' ? (
        <RequiredSlot
          path={[...path, 'required']}
          value={field.required}
          names={names}
          label={b('required')}
        />
      ) : null}
      <RuleSlot path={[...path, 'visibleIf']} value={field.visibleIf} names={names} label={b('visibleIf')} />
      {editing.stores === 'value' ? (
        <>
          <RuleSlot path={[...path, 'computed']} value={field.computed} names={names} label={b('computed')} />
          <CheckboxInput
            name="readOnly"
            label={b('readOnly')}
            value={field.readOnly}
            onValue={(v) => set([...path, 'readOnly'], v)}
          />
        </>
      ) : null}
      <FieldProperties field={field} path={path} kind={kind} names={names} filterNames={filterNames} />
      {kind === 'group' ? (
        <fieldset className="b-rows">
          <legend>{b('rowFields')}</legend>
          <FieldList level={props.level} within={props.field} listPath={[...path, 'fields']} />
        </fieldset>
      ) : null}
    </section>
  );
}
