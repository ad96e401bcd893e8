/** An upgrade's report in place: what happened, then one row per step with what the check found. */
import { useAdminT } from './admin-i18n.ts';
import type { UpgradeReport } from './modules-api.ts';

/** The step's own facts besides its id and class (rows found by a check, a sample…), as short text. */
const details = (step: Record<string, unknown>) =>
  Object.entries(step)
    .filter(([key]) => key !== 'id' && key !== 'class')
    .map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join(' · ');

export function UpgradeReportView(props: { report: UpgradeReport }) {
  const a = useAdminT();
  const { report } = props;
  return (
    <div className="upgrade-report" role="status">
      <p>
        <strong>{a(`report_${report.status}`)}</strong> v{report.from} → v{report.to}
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
            <tr key={step.id}>
              <td>
                <code>{step.id}</code>
              </td>
              <td>{a(`class_${step.class}`)}</td>
              <td>{details(step)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
