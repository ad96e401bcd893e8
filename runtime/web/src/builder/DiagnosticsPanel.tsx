/** Every error and warning of the validator; a click selects the level or field it names and focuses it. */

import type { Diagnostic } from './builder-api.ts';
import { useBuilderT } from './builder-i18n.ts';

export function DiagnosticsPanel(props: {
  readonly diagnostics: readonly Diagnostic[];
  readonly onPick: (d: Diagnostic) => void;
}) {
  const b = useBuilderT();
  const errors = props.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = props.diagnostics.length - errors;
  return (
    <section className="b-diagnostics" aria-labelledby="b-diag-title">
      <h3 id="b-diag-title">
        {b('diagnostics')}{' '}
        <small>
          {errors} {b('errors')}, {warnings} {b('warnings')}
        </small>
      </h3>
      {props.diagnostics.length === 0 ? <p className="hint">{b('noDiagnostics')}</p> : null}
      <ul aria-live="polite">
        {props.diagnostics.map((d) => (
          <li key={`${d.path}:${d.rule}:${d.message}`} className={d.severity}>
            <button type="button" className="b-link" onClick={() => props.onPick(d)}>
              <span className="b-sev">{d.severity === 'error' ? '✖' : '⚠'}</span> <code>{d.path || '/'}</code>{' '}
              {d.message} <small>({d.rule})</small>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
