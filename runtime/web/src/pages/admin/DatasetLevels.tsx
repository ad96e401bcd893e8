/**
 * A dataset's SINP diffusion level and default sensitivity (runtime/metadata/diffusion-levels.ts), as two
 * labelled selects saved on change (PATCH /api/admin/datasets/{id}); the SINP export and the sync feed
 * read them per record's dataset.
 */
import { useState } from 'react';
import {
  DIFFUSION_LEVELS,
  type LevelChoice,
  SENSITIVITY_LEVELS,
} from '../../../../metadata/diffusion-levels.ts';
import { api } from '../../api.ts';
import { useT } from '../../i18n.tsx';
import { attempt } from './admin-api.ts';
import { useMetadataT } from './metadata-i18n.ts';
import { Problems } from './Problems.tsx';

function LevelSelect(props: {
  name: 'diffusion_level' | 'sensitivity_level';
  label: string;
  value: string;
  choices: readonly LevelChoice[];
  onPick: (code: string) => void;
}) {
  const { lang } = useT();
  return (
    <label className="level">
      <span>{props.label}</span>
      <select name={props.name} value={props.value} onChange={(e) => props.onPick(e.target.value)}>
        {props.choices.map((c) => (
          <option key={c.code} value={c.code}>
            {c.code} – {lang === 'fr' ? c.label.fr : c.label.en}
          </option>
        ))}
      </select>
    </label>
  );
}

export function DatasetLevels(props: {
  id: string;
  diffusion: string;
  sensitivity: string;
  onChange: () => void;
}) {
  const m = useMetadataT();
  const [error, setError] = useState<Error | null>(null);
  const save = async (body: Record<string, string>) => {
    const failed = await attempt(() => api.patch(`/api/admin/datasets/${props.id}`, body));
    setError(failed);
    if (!failed) props.onChange();
  };
  return (
    <div className="dataset-levels">
      <LevelSelect
        name="diffusion_level"
        label={m('diffusionLevel')}
        value={props.diffusion}
        choices={DIFFUSION_LEVELS}
        onPick={(code) => void save({ diffusion_level: code })}
      />
      <LevelSelect
        name="sensitivity_level"
        label={m('sensitivityLevel')}
        value={props.sensitivity}
        choices={SENSITIVITY_LEVELS}
        onPick={(code) => void save({ sensitivity_level: code })}
      />
      <Problems error={error} />
    </div>
  );
}
