/** The values of a `choice` field: code, French and English label per row, added and removed in place. */
import type { Json } from '../api.ts';
import { useBuilderT } from './builder-i18n.ts';
import { useEditor } from './editor-context.ts';
import { asLabels } from './inputs.tsx';
import { isObject } from './spec-model.ts';
import type { Path } from './spec-paths.ts';

const asChoice = (c: unknown): { value: string; label: { fr: string; en?: string } } =>
  isObject(c)
    ? { value: String(c.value ?? ''), label: asLabels(c.label ?? c.value) }
    : { value: String(c), label: { fr: String(c) } };

export function ChoicesEditor(props: { readonly path: Path; readonly value: unknown }) {
  const b = useBuilderT();
  const { set } = useEditor();
  const choices = (Array.isArray(props.value) ? props.value : []).map(asChoice);
  const update = (index: number, patch: (c: ReturnType<typeof asChoice>) => Json) =>
    set(
      props.path,
      choices.map((c, i) => (i === index ? patch(c) : c)),
    );
  return (
    <fieldset className="b-table">
      <legend>{b('choices')}</legend>
      <table>
        <thead>
          <tr>
            <th>{b('value')}</th>
            <th>{b('labelFr')}</th>
            <th>{b('labelEn')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {choices.map((c, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions; codes change as one types
            <tr key={i}>
              <td>
                <input
                  aria-label={`${b('value')} ${i + 1}`}
                  value={c.value}
                  onChange={(e) => update(i, (x) => ({ ...x, value: e.target.value }))}
                />
              </td>
              <td>
                <input
                  aria-label={`${b('labelFr')} ${i + 1}`}
                  value={c.label.fr}
                  onChange={(e) => update(i, (x) => ({ ...x, label: { ...x.label, fr: e.target.value } }))}
                />
              </td>
              <td>
                <input
                  aria-label={`${b('labelEn')} ${i + 1}`}
                  value={c.label.en ?? ''}
                  onChange={(e) => update(i, (x) => ({ ...x, label: { ...x.label, en: e.target.value } }))}
                />
              </td>
              <td>
                <button
                  type="button"
                  aria-label={`${b('remove')} ${c.value}`}
                  onClick={() =>
                    set(
                      props.path,
                      choices.filter((_, j) => j !== i),
                    )
                  }
                >
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        onClick={() =>
          set(props.path, [...choices, { value: `v${choices.length + 1}`, label: { fr: '', en: '' } }])
        }
      >
        {b('addChoice')}
      </button>
    </fieldset>
  );
}
