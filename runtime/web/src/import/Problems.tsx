/** An API error's problems, each with its path, in the reader's language. */
import { ApiError } from '../api.ts';
import { useT } from '../i18n.tsx';
import { problemText } from './import-api.ts';

export function Problems(props: { error: unknown; title?: string }) {
  const { lang } = useT();
  if (!props.error) return null;
  const problems =
    props.error instanceof ApiError && props.error.problems.length > 0
      ? props.error.problems
      : [
          {
            path: '',
            code: 'error',
            message: props.error instanceof Error ? props.error.message : String(props.error),
          },
        ];
  return (
    <div className="server-errors" role="alert">
      {props.title ? <p>{props.title}</p> : null}
      <ul>
        {problems.map((p, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: two problems may share a path
          <li key={i}>
            {p.path ? <code>{p.path}</code> : null} {problemText(p, lang)}
          </li>
        ))}
      </ul>
    </div>
  );
}
