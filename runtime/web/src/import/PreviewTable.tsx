/** The file's first rows under their column names, scrolling sideways inside its own box on a phone. */
import { useImportT } from './import-i18n.ts';

export function PreviewTable(props: {
  columns: readonly string[];
  rows: readonly Readonly<Record<string, string>>[];
  limit?: number;
}) {
  const t = useImportT();
  const rows = props.rows.slice(0, props.limit ?? 5);
  return (
    <figure className="import-preview">
      <figcaption>{t('preview')}</figcaption>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard */}
      <section className="scroll-x" tabIndex={0} aria-label={t('preview')}>
        <table>
          <thead>
            <tr>
              {props.columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: preview rows have no identity but their place
              <tr key={i}>
                {props.columns.map((c) => (
                  <td key={c}>{r[c] ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </figure>
  );
}
