/**
 * The kind-specific properties of a field (docs/spec.md §5), one renderer per property name in an
 * exhaustive table: field-kinds.ts says which kind has which.
 */
import { type ReactNode, useContext } from 'react';
import type { Json } from '../api.ts';
import { LangContext } from '../i18n.tsx';
import { useBuilderT } from './builder-i18n.ts';
import { ChoicesEditor } from './ChoicesEditor.tsx';
import { useEditor } from './editor-context.ts';
import { FIELD_KIND_EDITING, type FieldKind, type PropertyName } from './field-kinds.ts';
import { CheckboxInput, ListInput, NumberInput, SelectInput, TextInput } from './inputs.tsx';
import { LiteralOrRuleSlot, RuleSlot } from './RuleSlots.tsx';
import type { RuleNames } from './rule-names.ts';
import { levelsOf } from './spec-model.ts';
import type { Path } from './spec-paths.ts';
import { VocabularyChooser } from './VocabularyChooser.tsx';

export interface PropertyContext {
  readonly field: Json;
  readonly path: Path;
  readonly kind: FieldKind;
  readonly names: RuleNames;
  /** The names of a `filter` rule: the record's plus `choice.*`. */
  readonly filterNames: RuleNames;
  readonly set: (path: Path, value: unknown) => void;
  readonly b: ReturnType<typeof useBuilderT>;
  readonly levelKeys: readonly string[];
  /** French or English, by the page's language. */
  readonly say: (fr: string, en: string) => string;
}

const num = (name: PropertyName, fr: string, en: string) => (c: PropertyContext) => (
  <NumberInput
    name={name}
    label={c.say(fr, en)}
    value={c.field[name]}
    onValue={(v) => c.set([...c.path, name], v)}
  />
);

const bounded = (name: 'min' | 'max' | 'default', fr: string, en: string) => (c: PropertyContext) => (
  <LiteralOrRuleSlot
    path={[...c.path, name]}
    value={c.field[name]}
    names={c.names}
    kind={c.kind}
    label={c.say(fr, en)}
    {...(name === 'default' && c.kind === 'observers' ? { ruleOnly: true } : {})}
  />
);

const DISPLAYS = ['select', 'radio', 'checkbox'];
const GEOMETRIES = ['point', 'line', 'polygon', 'any'];

const PROPERTY_EDITORS = {
  maxLength: num('maxLength', 'Longueur maximale', 'Maximum length'),
  pattern: (c) => (
    <TextInput
      name="pattern"
      label={c.say('Motif (expression régulière)', 'Pattern (regular expression)')}
      value={c.field.pattern}
      onValue={(v) => c.set([...c.path, 'pattern'], v)}
    />
  ),
  unit: (c) => (
    <TextInput
      name="unit"
      label={c.say('Unité', 'Unit')}
      value={c.field.unit}
      onValue={(v) => c.set([...c.path, 'unit'], v)}
    />
  ),
  decimals: num('decimals', 'Décimales', 'Decimals'),
  min: bounded('min', 'Minimum', 'Minimum'),
  max: bounded('max', 'Maximum', 'Maximum'),
  default: bounded('default', 'Valeur par défaut', 'Default value'),
  choices: (c) => <ChoicesEditor path={[...c.path, 'choices']} value={c.field.choices} />,
  vocabulary: (c) => <VocabularyChooser path={c.path} field={c.field} />,
  codes: (c) =>
    c.kind === 'habitat' ? (
      <ListInput
        name="codes"
        label="Codes"
        value={c.field.codes}
        onValue={(v) => c.set([...c.path, 'codes'], v)}
      />
    ) : null,
  multiple: (c) => (
    <CheckboxInput
      name="multiple"
      label={c.say('Plusieurs valeurs', 'Several values')}
      value={c.field.multiple}
      onValue={(v) => c.set([...c.path, 'multiple'], v ?? (c.kind === 'observers' ? false : undefined))}
    />
  ),
  display: (c) => (
    <SelectInput
      name="display"
      label={c.say('Affichage', 'Display')}
      value={c.field.display}
      empty="select"
      options={DISPLAYS.slice(1).map((d) => ({ value: d, label: d }))}
      onValue={(v) => c.set([...c.path, 'display'], v)}
    />
  ),
  filter: (c) => (
    <RuleSlot
      path={[...c.path, 'filter']}
      value={c.field.filter}
      names={c.filterNames}
      label={c.b('filter')}
    />
  ),
  taxa: (c) => (
    <ListInput
      name="taxa"
      numbers
      label={c.say('Taxons proposés (cd_nom)', 'Taxa offered (cd_nom)')}
      value={c.field.taxa}
      onValue={(v) => c.set([...c.path, 'taxa'], v)}
    />
  ),
  fixed: (c) => (
    <NumberInput
      name="fixed"
      label={c.say('Taxon fixe (cd_nom)', 'Fixed taxon (cd_nom)')}
      value={c.field.fixed}
      onValue={(v) => c.set([...c.path, 'fixed'], v)}
    />
  ),
  freeText: (c) => (
    <CheckboxInput
      name="freeText"
      label={c.say('Noms sans compte', 'Names without an account')}
      value={c.field.freeText !== false}
      onValue={(v) => c.set([...c.path, 'freeText'], v ? undefined : false)}
    />
  ),
  datasets: (c) => (
    <ListInput
      name="datasets"
      label={c.say('Jeux de données (UUID)', 'Datasets (UUID)')}
      value={c.field.datasets}
      onValue={(v) => c.set([...c.path, 'datasets'], v)}
    />
  ),
  typology: (c) => (
    <TextInput
      name="typology"
      label={c.say('Typologie', 'Typology')}
      value={c.field.typology}
      onValue={(v) => c.set([...c.path, 'typology'], v)}
    />
  ),
  level: (c) => (
    <SelectInput
      name="level"
      label={c.say('Niveau lié', 'Level referred to')}
      value={c.field.level}
      options={c.levelKeys.map((k) => ({ value: k, label: k }))}
      onValue={(v) => c.set([...c.path, 'level'], v)}
    />
  ),
  maxFiles: num('maxFiles', 'Fichiers au plus', 'At most files'),
  accept: (c) => (
    <ListInput
      name="accept"
      label={c.say('Types MIME acceptés', 'Accepted MIME types')}
      value={c.field.accept}
      onValue={(v) => c.set([...c.path, 'accept'], v)}
    />
  ),
  geometry: (c) => (
    <SelectInput
      name="geometry"
      label={c.b('geometry')}
      value={c.field.geometry}
      options={GEOMETRIES.map((g) => ({ value: g, label: g }))}
      onValue={(v) => c.set([...c.path, 'geometry'], v)}
    />
  ),
  minItems: num('minItems', 'Lignes au moins', 'At least rows'),
  maxItems: num('maxItems', 'Lignes au plus', 'At most rows'),
} satisfies Record<PropertyName, (c: PropertyContext) => ReactNode>;

export function FieldProperties(props: {
  readonly field: Json;
  readonly path: Path;
  readonly kind: FieldKind;
  readonly names: RuleNames;
  readonly filterNames: RuleNames;
}) {
  const b = useBuilderT();
  const { set, spec } = useEditor();
  const lang = useContext(LangContext);
  const context: PropertyContext = {
    ...props,
    say: (fr, en) => (lang === 'en' ? en : fr),
    set,
    b,
    levelKeys: levelsOf(spec).map((l) => String(l.key ?? '')),
  };
  return (
    <>
      {FIELD_KIND_EDITING[props.kind].properties.map((name) => (
        <div key={name} className="b-prop">
          {PROPERTY_EDITORS[name](context)}
        </div>
      ))}
    </>
  );
}
