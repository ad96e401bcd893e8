/** A new password box with the length rule beside its label (user creation and password reset). */
import { useAdminT } from './admin-i18n.ts';

export function NewPasswordField(props: {
  readonly name: string;
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
}) {
  const a = useAdminT();
  return (
    <label>
      {props.label} <span className="hint">({a('passwordHint')})</span>
      <input
        name={props.name}
        type="password"
        autoComplete="new-password"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </label>
  );
}
