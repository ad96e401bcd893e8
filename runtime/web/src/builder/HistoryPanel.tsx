/**
 * The draft's saved revisions, newest first (the server keeps every save: /api/builder/drafts/:id/revisions),
 * each one restorable. Restoring is an edit like any other: it can be undone, and the next autosave
 * records it as a new revision, so no revision is ever lost by going back.
 */
import { useContext, useEffect, useState } from 'react';
import type { Json } from '../api.ts';
import { formatDate } from '../format.ts';
import { LangContext } from '../i18n.tsx';
import { builderApi, type RevisionSummary } from './builder-api.ts';
import { useBuilderT } from './builder-i18n.ts';

export function HistoryPanel(props: {
  readonly draftId: string;
  /** When the draft was last saved (ms), so the list follows the autosave. */
  readonly savedAt: number;
  readonly onRestore: (spec: Json) => void;
}) {
  const b = useBuilderT();
  const lang = useContext(LangContext);
  const [revisions, setRevisions] = useState<readonly RevisionSummary[] | null>(null);
  const [failed, setFailed] = useState(false);
  const { draftId, savedAt } = props;
  useEffect(() => {
    let live = true;
    // Read again after every save: the autosave adds a revision.
    void savedAt;
    builderApi
      .revisions(draftId)
      .then((list) => live && setRevisions([...list].sort((x, y) => y.revision - x.revision)))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [draftId, savedAt]);
  const restore = async (revision: number) => {
    const found = await builderApi.revision(props.draftId, revision);
    props.onRestore(found.spec);
  };
  if (failed) return <p className="error">{b('historyFailed')}</p>;
  if (!revisions) return <p className="hint">{b('loading')}</p>;
  return (
    <section aria-labelledby="b-history-title">
      <h3 id="b-history-title">{b('history')}</h3>
      {revisions.length === 0 ? <p className="hint">{b('historyEmpty')}</p> : null}
      <ol className="b-history">
        {revisions.map((r) => (
          <li key={r.revision}>
            <span>
              {b('revision', { n: r.revision })} · {formatDate(r.saved_at, lang)}
              {r.saved_by ? ` · ${r.saved_by.login}` : ''}
            </span>{' '}
            <button
              type="button"
              onClick={() => void restore(r.revision)}
              aria-label={b('restoreRevision', { n: r.revision })}
            >
              {b('restore')}
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
