/**
 * Modules / Protocoles: every installed module (ModuleCard: version, pending upgrade, upgrade and
 * uninstall), the module folders that could not start, and the configured folders not installed yet,
 * each with a button installing it while the server runs.
 */
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api.ts';
import { attempt } from './admin-api.ts';
import { useAdminT } from './admin-i18n.ts';
import { ModuleCard } from './ModuleCard.tsx';
import type { ModulesAnswer } from './modules-api.ts';
import { Problems } from './Problems.tsx';

export function ModulesPanel() {
  const a = useAdminT();
  const [answer, setAnswer] = useState<ModulesAnswer | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const reload = useCallback(async () => {
    setError(await attempt(async () => setAnswer(await api.get<ModulesAnswer>('/api/admin/modules'))));
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  const changed = (message?: string) => {
    setNotice(message ?? null);
    void reload();
  };
  const install = async (folder: string, code: string) => {
    try {
      const done = await api.post<{ install: { version: number } }>('/api/admin/modules/install', { folder });
      changed(`${code} : ${a('installed', { version: done.install.version })}`);
    } catch (e) {
      setError(e as Error);
    }
  };
  if (!answer) return <Problems error={error} />;
  return (
    <section className="modules-panel">
      {notice ? <p role="status">{notice}</p> : null}
      <Problems error={error} />
      {answer.modules.map((m) => (
        <ModuleCard
          key={`${m.code}:${m.served_version}:${m.pending?.folder_version}`}
          module={m}
          onChange={changed}
        />
      ))}
      {answer.unavailable.length > 0 ? (
        <>
          <h3>{a('unavailable')}</h3>
          <ul>
            {answer.unavailable.map((p) => (
              <li key={p.folder}>
                <code>{p.code}</code> — {p.reason}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {answer.available.length > 0 ? (
        <>
          <h3>{a('available')}</h3>
          <table>
            <tbody>
              {answer.available.map((f) => (
                <tr key={f.folder}>
                  <td>
                    {f.label} <code>{f.code}</code> v{f.version}
                  </td>
                  <td className="muted">{f.folder}</td>
                  <td>
                    <button type="button" onClick={() => void install(f.folder, f.code)}>
                      {a('install')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
