/**
 * The protocol editor of one draft: the outline on the left, the selected part in the middle, the JSON
 * view, diagnostics and live preview on the right. Edits anywhere go through the editor state (the JSON
 * text is the source of truth), are saved as a draft, validated and previewed as the designer types.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Json } from '../api.ts';
import { onLink } from '../router.ts';
import { builderApi, type Diagnostic, type Draft } from './builder-api.ts';
import { useBuilderT } from './builder-i18n.ts';
import { DiagnosticsPanel } from './DiagnosticsPanel.tsx';
import { EditorContext, type EditorContextValue } from './editor-context.ts';
import { FieldEditor } from './FieldEditor.tsx';
import { HistoryPanel } from './HistoryPanel.tsx';
import { JsonView } from './JsonView.tsx';
import { LevelEditor } from './LevelEditor.tsx';
import { LevelTree } from './LevelTree.tsx';
import { OccurrenceEditor } from './OccurrenceEditor.tsx';
import { PreviewPanel } from './PreviewPanel.tsx';
import { ProtocolSettings } from './ProtocolSettings.tsx';
import { PublishDialog, type PublishOutcome } from './PublishDialog.tsx';
import { type Selection, selectionOf } from './selection.ts';
import { allFieldIds } from './spec-model.ts';
import { setIn } from './spec-paths.ts';
import { useDraft } from './use-draft.ts';
import { VocabulariesEditor } from './VocabulariesEditor.tsx';

type SideTab = 'json' | 'diagnostics' | 'preview' | 'history';

export function Editor(props: { readonly draft: Draft }) {
  const b = useBuilderT();
  const draft = useDraft(props.draft);
  const { state, dispatch } = draft;
  const [selection, setSelection] = useState<Selection>({ tab: 'protocol' });
  const [side, setSide] = useState<SideTab>('json');
  const [publishing, setPublishing] = useState(false);
  const [focusPath, setFocusPath] = useState<string | null>(null);
  const main = useRef<HTMLDivElement | null>(null);
  // Fields present when a published draft was opened, or published since, keep their key unless renamed
  // on purpose (a key change is then a rename).
  const [publishedIds, setPublishedIds] = useState<ReadonlySet<string>>(() =>
    props.draft.base_version === null ? new Set<string>() : allFieldIds(props.draft.spec),
  );
  const [publishedVersion, setPublishedVersion] = useState(props.draft.base_version);
  const edit = useCallback(
    (spec: Json, target?: string) =>
      dispatch({ type: 'edit', spec, at: Date.now(), ...(target !== undefined ? { target } : {}) }),
    [dispatch],
  );
  const context: EditorContextValue = {
    spec: state.spec,
    edit,
    diagnostics: draft.diagnostics,
    selection,
    select: setSelection,
    publishedIds,
  };

  useEffect(() => {
    const keys = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.key.toLowerCase() !== 'z') return;
      e.preventDefault();
      dispatch({ type: e.shiftKey ? 'redo' : 'undo' });
    };
    window.addEventListener('keydown', keys);
    return () => window.removeEventListener('keydown', keys);
  }, [dispatch]);

  // After a click in the diagnostics: focus the rule or input at the path, else the panel's first control.
  useEffect(() => {
    if (focusPath === null || !main.current) return;
    const exact = main.current.querySelector<HTMLElement>(
      `[data-path="${CSS.escape(focusPath)}"] [contenteditable], [data-path="${CSS.escape(focusPath)}"] input`,
    );
    (exact ?? main.current.querySelector<HTMLElement>('input, select, textarea, [contenteditable]'))?.focus();
    setFocusPath(null);
  }, [focusPath]);

  const pick = (d: Diagnostic) => {
    setSelection(selectionOf(d.path));
    setFocusPath(d.path.replace(/\/rule$/, ''));
  };

  const raiseVersion = useCallback(
    (version: number) => edit(setIn(state.spec, ['version'], version)),
    [edit, state.spec],
  );

  const publish = async (): Promise<PublishOutcome> => {
    const rowVersion = await draft.flush();
    const answer = await builderApi.publish(props.draft.id, rowVersion);
    if (answer.status !== 200) return { ok: false, status: answer.status, body: answer.body };
    const published = answer.body as {
      module: { code: string; version: number };
      draft?: { row_version: number };
    };
    const module = published.module;
    if (published.draft) draft.adoptRowVersion(published.draft.row_version);
    setPublishedIds(allFieldIds(state.spec));
    setPublishedVersion(module.version);
    return { ok: true, code: module.code, version: module.version };
  };

  const errors = draft.diagnostics.filter((d) => d.severity === 'error').length;
  const code = String(state.spec.code ?? props.draft.code);
  const statusText =
    draft.status === 'saving'
      ? b('saving')
      : draft.status === 'dirty'
        ? b('unsaved')
        : draft.status === 'saved' && draft.savedAt
          ? `${b('savedAt')} ${draft.savedAt.toLocaleTimeString()}`
          : '';
  return (
    <EditorContext.Provider value={context}>
      <div className="builder-editor">
        <div className="b-toolbar" role="toolbar" aria-label={b('design')}>
          <a href="/builder" onClick={(e) => onLink(e, '/builder')}>
            {b('back')}
          </a>
          <h2>
            <code>{code}</code> v{String(state.spec.version ?? '?')}
          </h2>
          <button
            type="button"
            onClick={() => dispatch({ type: 'undo' })}
            disabled={state.past.length === 0}
            aria-keyshortcuts="Control+Z"
          >
            {b('undo')}
          </button>
          <button
            type="button"
            onClick={() => dispatch({ type: 'redo' })}
            disabled={state.future.length === 0}
            aria-keyshortcuts="Control+Shift+Z"
          >
            {b('redo')}
          </button>
          <span className="hint" role="status">
            {statusText}
          </span>
          <span className="spacer" />
          <a className="button" href={builderApi.specUrl(props.draft.id)} download>
            {b('downloadSpec')}
          </a>
          {publishedVersion !== null ? (
            <a className="button" href={builderApi.folderZipUrl(code)} download>
              {b('downloadFolder')}
            </a>
          ) : null}
          <button type="button" className="primary" onClick={() => setPublishing(true)}>
            {b('publish')}
          </button>
        </div>
        {draft.conflict ? (
          <div className="b-conflict" role="alert">
            <p>{b('conflict', { who: draft.conflict.who ?? b('someone') })}</p>
            <button type="button" onClick={() => void draft.loadTheirs()}>
              {b('loadTheirs')}
            </button>{' '}
            <button type="button" className="danger" onClick={() => void draft.overwrite()}>
              {b('overwrite')}
            </button>
          </div>
        ) : null}
        <div className="b-columns">
          <LevelTree />
          <div className="b-main" ref={main}>
            {selection.tab === 'protocol' ? <ProtocolSettings /> : null}
            {selection.tab === 'vocabularies' ? <VocabulariesEditor /> : null}
            {selection.tab === 'occurrence' ? <OccurrenceEditor /> : null}
            {selection.tab === 'level' && selection.field.length === 0 ? (
              <LevelEditor level={selection.level} />
            ) : null}
            {selection.tab === 'level' && selection.field.length > 0 ? (
              <FieldEditor level={selection.level} field={selection.field} />
            ) : null}
          </div>
          <div className="b-side">
            <div role="tablist" className="b-tabs" aria-label={b('design')}>
              {(['json', 'diagnostics', 'preview', 'history'] as const).map((t) => (
                <button
                  key={t}
                  type="button"
                  role="tab"
                  aria-selected={side === t}
                  onClick={() => setSide(t)}
                >
                  {t === 'json'
                    ? b('json')
                    : t === 'preview'
                      ? b('preview')
                      : t === 'history'
                        ? b('history')
                        : `${b('diagnostics')} (${draft.diagnostics.length})`}
                  {t === 'diagnostics' && errors > 0 ? <span className="b-badge">{errors}</span> : null}
                </button>
              ))}
            </div>
            {side === 'json' ? (
              <JsonView
                text={state.text}
                syntaxError={state.syntaxError}
                diagnostics={draft.diagnostics}
                onChange={(text) => dispatch({ type: 'text', text, at: Date.now() })}
              />
            ) : null}
            {side === 'diagnostics' ? (
              <DiagnosticsPanel diagnostics={draft.diagnostics} onPick={pick} />
            ) : null}
            {side === 'preview' ? <PreviewPanel preview={draft.preview} code={code} /> : null}
            {side === 'history' ? (
              <HistoryPanel
                draftId={props.draft.id}
                savedAt={draft.savedAt?.getTime() ?? 0}
                onRestore={(spec) => edit(spec)}
              />
            ) : null}
          </div>
        </div>
        {publishing ? (
          <PublishDialog
            spec={state.spec}
            hasErrors={errors > 0}
            onRaiseVersion={raiseVersion}
            publish={publish}
            onClose={() => setPublishing(false)}
          />
        ) : null}
      </div>
    </EditorContext.Provider>
  );
}
