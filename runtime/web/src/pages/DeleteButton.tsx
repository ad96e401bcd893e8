/**
 * Delete, asked first: a modal dialog (the browser's <dialog>: focus kept inside, Escape closes,
 * labelled by its question) names the record and, before offering the button, checks whether records
 * are attached to it (each child level's list, one row) — then it says which, and what to do, instead
 * of a button that would fail. A 409 from the server (someone attached a record meanwhile) is shown in
 * the dialog too; the page stays. Once deleted, the app goes back to the parent record, or to the
 * level's list for a top level.
 */
import { useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import {
  ApiError,
  api,
  type Json,
  type LevelSummary,
  levelUrl,
  type ModuleSummary,
  type Page,
} from '../api.ts';
import { useT } from '../i18n.tsx';
import { navigate } from '../router.ts';

type Check =
  | { state: 'checking' }
  | { state: 'free' }
  | { state: 'attached'; list: string }
  | { state: 'failed'; message: string };

/** Where to go once the record is gone: its parent's page, else its level's list. */
export function afterDelete(module: ModuleSummary, level: LevelSummary, record: Json): string {
  const parent = level.parents.find((p) => typeof record[`${p}_id`] === 'string');
  return parent
    ? `/m/${module.code}/${parent}/${String(record[`${parent}_id`])}`
    : `/m/${module.code}/${level.key}`;
}

export function DeleteButton(props: {
  module: ModuleSummary;
  level: LevelSummary;
  record: Json;
  name: string;
}) {
  const { t, label, lang } = useT();
  const { module, level, record } = props;
  const dialog = useRef<HTMLDialogElement>(null);
  const [check, setCheck] = useState<Check>({ state: 'checking' });
  const [busy, setBusy] = useState(false);
  // Its words exist only while it is open: a closed dialog's text must not be found on the page.
  const [shown, setShown] = useState(false);
  const id = String(record.id);
  const titleId = `delete-${id}-title`;
  const textId = `delete-${id}-text`;

  const attachedList = (counts: readonly (readonly [string, number])[]) =>
    counts
      .filter(([, n]) => n > 0)
      .map(([key, n]) => {
        const child = module.levels.find((l) => l.key === key);
        const name = child ? label(n > 1 ? child.plural : child.label) : key;
        return `${n.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB')} ${name.toLowerCase()}`;
      })
      .join(', ');

  const open = async () => {
    setCheck({ state: 'checking' });
    setShown(true);
    dialog.current?.showModal();
    try {
      const counts = await Promise.all(
        level.children.map(async (child) => {
          const query = new URLSearchParams({ [`${level.key}_id`]: id, page_size: '1' });
          const page = await api.get<Page>(`${levelUrl(module.code, child)}?${query}`);
          return [child, page.total] as const;
        }),
      );
      const list = attachedList(counts);
      setCheck(list ? { state: 'attached', list } : { state: 'free' });
    } catch {
      // The check is a courtesy: the server refuses a delete with children anyway (409, shown here).
      setCheck({ state: 'free' });
    }
  };

  const confirm = async () => {
    setBusy(true);
    try {
      await api.del(`${levelUrl(module.code, level.key)}/${id}`);
      dialog.current?.close();
      navigate(afterDelete(module, level, record));
    } catch (error) {
      const problem = error instanceof ApiError ? error.problems[0] : undefined;
      const children = (problem as { children?: Record<string, number> } | undefined)?.children;
      if (children) setCheck({ state: 'attached', list: attachedList(Object.entries(children)) });
      else
        setCheck({
          state: 'failed',
          message: lang === 'fr' && problem?.message ? problem.message : t('deleteFailed'),
        });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" className="danger" onClick={() => void open()}>
        {t('delete')}
      </button>
      {/* In the body, not inside the heading that holds the button: a dialog is no part of a title. */}
      {createPortal(
        <dialog
          ref={dialog}
          className="confirm"
          aria-labelledby={titleId}
          aria-describedby={textId}
          data-testid="delete-dialog"
          onClose={() => setShown(false)}
        >
          {shown ? (
            <>
              <h2 id={titleId}>{t('confirmDelete')}</h2>
              <p id={textId}>{t('confirmDeleteText').replace('{name}', props.name)}</p>
              {check.state === 'checking' ? <p role="status">{t('checking')}</p> : null}
              {check.state === 'attached' ? (
                <p className="text-danger" role="alert">
                  {t('hasChildren').replace('{list}', check.list)}
                </p>
              ) : null}
              {check.state === 'failed' ? (
                <p className="text-danger" role="alert">
                  {check.message}
                </p>
              ) : null}
              <div className="actions">
                {check.state === 'free' ? (
                  <button type="button" className="danger" disabled={busy} onClick={() => void confirm()}>
                    {t('delete')}
                  </button>
                ) : null}
                {/* biome-ignore lint/a11y/noAutofocus: a dialog puts focus on its safe choice */}
                <button type="button" autoFocus onClick={() => dialog.current?.close()}>
                  {check.state === 'free' || check.state === 'checking' ? t('cancel') : t('close')}
                </button>
              </div>
            </>
          ) : null}
        </dialog>,
        document.body,
      )}
    </>
  );
}
