/** An upgrade's report in place: what happened, then one row per step with what its check found. */
import { useT } from '../../i18n.tsx';
import { useAdminT } from './admin-i18n.ts';
import type { UpgradeReport, UpgradeStepReport } from './modules-api.ts';

/** A sample row of a check, as short text: the record id first, then the values at stake. */
const sampleText = (row: unknown) =>
  typeof row === 'object' && row !== null
    ? Object.entries(row)
        .map(([key, value]) => `${key}=${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
        .join(', ')
    : String(row);

function StepFacts(props: { step: UpgradeStepReport }) {
  const a = useAdminT();
  const { step } = props;
  return (
    <>
      {step.rows !== undefined && step.rows > 0 && (
        <span>
          {a('rows_found', { n: step.rows })}
          {step.sample && step.sample.length > 0 && (
            <ul className="upgrade-sample">
              {step.sample.map((row) => (
                <li key={sampleText(row)}>
                  <code>{sampleText(row)}</code>
                </li>
              ))}
            </ul>
          )}
        </span>
      )}
      {step.error && <span className="error">{step.error}</span>}
    </>
  );
}

export function UpgradeReportView(props: { report: UpgradeReport }) {
  const a = useAdminT();
  const { label } = useT();
  const { report } = props;
  return (
    <div className="upgrade-report" role="status">
      <p>
        <strong>{a(`report_${report.status}`)}</strong> v{report.from} → v{report.to}
        {report.reason && <> — {label(report.reason)}</>}
      </p>
      <table>
        <thead>
          <tr>
            <th>{a('step')}</th>
            <th>{a('class')}</th>
            <th>{a('details')}</th>
          </tr>
        </thead>
        <tbody>
          {report.steps.map((step) => (
            <tr key={step.id} className={step.ok ? undefined : 'step-failed'}>
              <td>
                {label(step.description)} <code>{step.id}</code>
              </td>
              <td>{a(`class_${step.class}`)}</td>
              <td>
                {step.ok ? a('step_ok') : a('step_failed')} <StepFacts step={step} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
