/**
 * The SINP occurrence mapping (docs/spec.md §8): the occurrence level, then each attribute's source as
 * a field path (`count`, `visit.visit_date_min`, `site.geometry`); rules and fixed values are edited
 * in the JSON view.
 */
import type { Json } from '../api.ts';
import { useBuilderT } from './builder-i18n.ts';
import { useEditor } from './editor-context.ts';
import { SelectInput, TextInput } from './inputs.tsx';
import { isObject, levelsOf } from './spec-model.ts';

const ATTRIBUTES = [
  'taxon',
  'citedName',
  'countMin',
  'countMax',
  'dateStart',
  'dateEnd',
  'observers',
  'determiner',
  'geometry',
  'dataset',
  'comment',
  'publishAfter',
] as const;

export function OccurrenceEditor() {
  const b = useBuilderT();
  const { spec, set } = useEditor();
  const occurrence: Json | undefined = isObject(spec.occurrence) ? spec.occurrence : undefined;
  return (
    <section className="b-occurrence" aria-labelledby="b-occ-title">
      <h3 id="b-occ-title">{b('occurrence')}</h3>
      <SelectInput
        name="occurrence_level"
        label={b('occurrenceLevel')}
        value={occurrence?.level}
        empty={b('occurrenceNone')}
        options={levelsOf(spec).map((l) => ({ value: String(l.key), label: String(l.key) }))}
        onValue={(v) => set(['occurrence'], v === undefined ? undefined : { ...occurrence, level: v })}
      />
      {occurrence ? (
        <div className="b-grid">
          {ATTRIBUTES.map((a) => {
            const value = occurrence[a];
            return typeof value === 'string' || value === undefined ? (
              <TextInput
                key={a}
                name={`occurrence_${a}`}
                label={a}
                hint={b('occurrenceSource')}
                value={value}
                onValue={(v) => set(['occurrence', a], v)}
              />
            ) : (
              <p key={a} className="hint">
                {a}: <code>{JSON.stringify(value)}</code>
              </p>
            );
          })}
        </div>
      ) : null}
    </section>
  );
}
