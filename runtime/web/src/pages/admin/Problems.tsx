/** The server's refusal, each problem with the field it names. */
import { ApiError } from '../../api.ts';

export function Problems(props: { error: Error | null }) {
  const { error } = props;
  if (!error) return null;
  const problems = error instanceof ApiError ? error.problems : [];
  return (
    <ul className="server-errors" role="alert">
      {problems.length === 0 ? <li>{error.message}</li> : null}
      {problems.map((p) => (
        <li key={`${p.path}:${p.code}`}>
          {p.path ? <code>{p.path.slice(1)}</code> : null} {p.message}
        </li>
      ))}
    </ul>
  );
}
