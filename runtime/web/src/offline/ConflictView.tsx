/**
 * A conflict, side by side: each field where my version and the server's differ (the others are the
 * same and not shown), and the two choices — keep mine (sent again on the server's version) or take
 * the server's (mine is dropped).
 */
import type { Json, LevelForms } from '../api.ts';
import { formatValue } from '../format.ts';
import { useT } from '../i18n.tsx';
import type { OutboxOp } from './db.ts';
import { useOfflineT } from './offline-i18n.ts';

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function differingFields(mine: Json, theirs: Json, forms: LevelForms): string[] {
  const keys = Object.keys((forms.schema.properties as Json | undefined) ?? {});
  return keys.filter((k) => !same(mine[k], theirs[k]));
}

export function ConflictView(props: {
  op: OutboxOp;
  forms: LevelForms;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}) {
  const t = useOfflineT();
  const { label, lang } = useT();
  const { op, forms } = props;
  const mine = op.body ?? {};
  const theirs = op.current ?? {};
  const show = (key: string, value: unknown) =>
    value === undefined || value === null
      ? '—'
      : formatValue(key, value, forms.schema, forms.ui, lang) || JSON.stringify(value);
  return (
    <div className="conflict" data-testid="conflict">
      <p>{t('conflictHint')}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('field')}</th>
            <th scope="col">{t('mine')}</th>
            <th scope="col">{t('theirs')}</th>
          </tr>
        </thead>
        <tbody>
          {differingFields(mine, theirs, forms).map((key) => (
            <tr key={key} data-testid={`conflict-${key}`}>
              <th scope="row">{label(forms.labels[key]) || key}</th>
              <td className="mine">{show(key, mine[key])}</td>
              <td className="theirs">{show(key, theirs[key])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions">
        <button type="button" className="primary" onClick={props.onKeepMine}>
          {t('keepMine')}
        </button>
        <button type="button" onClick={props.onTakeTheirs}>
          {t('takeTheirs')}
        </button>
      </div>
    </div>
  );
}
