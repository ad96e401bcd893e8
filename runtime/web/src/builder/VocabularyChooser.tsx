/**
 * A vocabulary field's source: a SINP nomenclature type (the types the validator knows,
 * protocol-specs/standard/sinp-nomenclatures.ts) or one of the protocol's own vocabularies, and the
 * subset of its values the field offers (`codes`; none ticked means all of them).
 */
import { useContext } from 'react';
import { SINP_NOMENCLATURES } from '../../../../protocol-specs/standard/sinp-nomenclatures.ts';
import type { Json } from '../api.ts';
import { LangContext } from '../i18n.tsx';
import { useBuilderT } from './builder-i18n.ts';
import { useEditor } from './editor-context.ts';
import { asLabels, SelectInput } from './inputs.tsx';
import { isObject } from './spec-model.ts';
import { type Path, setIn } from './spec-paths.ts';

interface VocabularyOption {
  readonly code: string;
  readonly label: string;
  readonly values: readonly { readonly code: string; readonly label: string }[];
}

function localVocabularies(spec: Json, lang: string): VocabularyOption[] {
  const list = Array.isArray(spec.vocabularies) ? spec.vocabularies.filter(isObject) : [];
  const text = (l: unknown) => {
    const labels = asLabels(l);
    return (lang === 'en' ? labels.en : undefined) || labels.fr;
  };
  return list.map((v) => ({
    code: String(v.code ?? ''),
    label: text(v.label),
    values: (Array.isArray(v.values) ? v.values.filter(isObject) : []).map((x) => ({
      code: String(x.code ?? ''),
      label: text(x.label),
    })),
  }));
}

export function VocabularyChooser(props: { readonly path: Path; readonly field: Json }) {
  const b = useBuilderT();
  const lang = useContext(LangContext);
  const { spec, set, edit } = useEditor();
  const locals = localVocabularies(spec, lang);
  const current = String(props.field.vocabulary ?? '');
  const chosen: VocabularyOption | undefined =
    locals.find((v) => v.code === current) ?? SINP_NOMENCLATURES.find((v) => v.code === current);
  const codes = new Set(Array.isArray(props.field.codes) ? props.field.codes.map(String) : []);
  const toggle = (code: string, on: boolean) => {
    const next = (chosen?.values ?? []).map((v) => v.code).filter((c) => (c === code ? on : codes.has(c)));
    set([...props.path, 'codes'], next.length > 0 ? next : undefined);
  };
  const options = [
    ...locals.map((v) => ({ value: v.code, label: `${b('localVocabulary')} · ${v.code} — ${v.label}` })),
    ...SINP_NOMENCLATURES.map((v) => ({ value: v.code, label: `${b('sinpType')} · ${v.code} — ${v.label}` })),
  ];
  return (
    <div className="b-vocabulary">
      <SelectInput
        name="vocabulary"
        label={b('vocabulary')}
        value={current}
        options={options}
        onValue={(v) => {
          // Another vocabulary: its codes differ, the subset and a coded default no longer apply.
          const { codes: _c, default: _d, ...rest } = props.field;
          edit(setIn(spec, props.path, { ...rest, vocabulary: v }));
        }}
      />
      {chosen ? (
        <fieldset className="b-codes">
          <legend>{b('subset')}</legend>
          {chosen.values.map((v) => (
            <label key={v.code}>
              <input
                type="checkbox"
                checked={codes.has(v.code)}
                onChange={(e) => toggle(v.code, e.target.checked)}
              />
              <code>{v.code}</code> {v.label}
            </label>
          ))}
        </fieldset>
      ) : null}
    </div>
  );
}
