/** The protocol's own vocabularies: code, labels, and values with codes, labels and broader codes. */
import type { Json } from '../api.ts';
import { useBuilderT } from './builder-i18n.ts';
import { useEditor } from './editor-context.ts';
import { asLabels, LabelsInput, TextInput } from './inputs.tsx';
import { unique } from './slug.ts';
import { isObject } from './spec-model.ts';
import { insertAt, removeAt } from './spec-paths.ts';

export function VocabulariesEditor() {
  const b = useBuilderT();
  const { spec, set, edit } = useEditor();
  const vocabularies = Array.isArray(spec.vocabularies) ? spec.vocabularies.filter(isObject) : [];
  const addVocabulary = () => {
    const codes = new Set(vocabularies.map((v) => String(v.code)));
    const code = unique('MY_VOCABULARY', codes);
    edit(
      insertAt(spec, ['vocabularies'], vocabularies.length, {
        id: `voc.${code.toLowerCase()}`,
        code,
        label: { fr: 'Nouveau vocabulaire', en: 'New vocabulary' },
        values: [{ code: 'A', label: { fr: 'A', en: 'A' } }],
      }),
    );
  };
  return (
    <section className="b-vocabularies" aria-labelledby="b-voc-title">
      <h3 id="b-voc-title">{b('vocabularies')}</h3>
      {vocabularies.map((v, i) => {
        const path = ['vocabularies', i];
        const values = Array.isArray(v.values) ? v.values.filter(isObject) : [];
        return (
          <fieldset key={String(v.id ?? i)} className="b-vocabulary-card">
            <legend>
              <code>{String(v.code)}</code>
            </legend>
            <TextInput
              name={`vocabulary_code_${i}`}
              label={b('code')}
              value={v.code}
              onValue={(x) => set([...path, 'code'], x ?? '')}
            />
            <LabelsInput
              name={`vocabulary_label_${i}`}
              labels={[b('labelFr'), b('labelEn')]}
              value={v.label}
              onValue={(x) => set([...path, 'label'], x ?? { fr: '' })}
            />
            <table>
              <thead>
                <tr>
                  <th>{b('value')}</th>
                  <th>{b('labelFr')}</th>
                  <th>{b('labelEn')}</th>
                  <th>{b('broader')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {values.map((value: Json, j) => {
                  const at = [...path, 'values', j];
                  const labels = asLabels(value.label);
                  return (
                    // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions; codes change as one types
                    <tr key={j}>
                      <td>
                        <input
                          aria-label={`${b('value')} ${j + 1}`}
                          value={String(value.code ?? '')}
                          onChange={(e) => set([...at, 'code'], e.target.value)}
                        />
                      </td>
                      <td>
                        <input
                          aria-label={`${b('labelFr')} ${j + 1}`}
                          value={labels.fr}
                          onChange={(e) => set([...at, 'label'], { ...labels, fr: e.target.value })}
                        />
                      </td>
                      <td>
                        <input
                          aria-label={`${b('labelEn')} ${j + 1}`}
                          value={labels.en ?? ''}
                          onChange={(e) =>
                            set([...at, 'label'], { ...labels, en: e.target.value || undefined })
                          }
                        />
                      </td>
                      <td>
                        <input
                          aria-label={`${b('broader')} ${j + 1}`}
                          value={String(value.broader ?? '')}
                          onChange={(e) => set([...at, 'broader'], e.target.value || undefined)}
                        />
                      </td>
                      <td>
                        <button
                          type="button"
                          aria-label={`${b('remove')} ${String(value.code)}`}
                          onClick={() => edit(removeAt(spec, [...path, 'values'], j))}
                        >
                          ✕
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <button
              type="button"
              onClick={() =>
                edit(
                  insertAt(spec, [...path, 'values'], values.length, {
                    code: `V${values.length + 1}`,
                    label: { fr: '' },
                  }),
                )
              }
            >
              {b('addValue')}
            </button>{' '}
            <button
              type="button"
              className="danger"
              onClick={() => edit(removeAt(spec, ['vocabularies'], i))}
            >
              {b('remove')} {String(v.code)}
            </button>
          </fieldset>
        );
      })}
      <button type="button" onClick={addVocabulary}>
        {b('addVocabulary')}
      </button>
    </section>
  );
}
