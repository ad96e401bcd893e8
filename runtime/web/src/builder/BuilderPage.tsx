/**
 * The builder's entry, loaded lazily by main.tsx on /builder routes only (partners never download it):
 * /builder is the protocols page, /builder/<draft id> the editor of that draft.
 */
import './builder.css';
import { useEffect, useState } from 'react';
import { ApiError } from '../api.ts';
import { usePageTitle } from '../page-title.ts';
import { Problems } from '../pages/admin/Problems.tsx';
import { useLocation } from '../router.ts';
import { builderApi, type Draft } from './builder-api.ts';
import { useBuilderT } from './builder-i18n.ts';
import { Editor } from './Editor.tsx';
import { ProtocolsPage } from './ProtocolsPage.tsx';

function DraftLoader(props: { readonly id: string }) {
  const b = useBuilderT();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => {
    setDraft(null);
    builderApi.draft(props.id).then(setDraft, setError);
  }, [props.id]);
  if (error instanceof ApiError && error.status === 403) return <p>{b('forbidden')}</p>;
  if (error) return <Problems error={error} />;
  if (!draft) return <p className="hint">{b('loading')}</p>;
  return <DraftEditor draft={draft} />;
}

/** The editor, titled by the draft's protocol. */
function DraftEditor(props: { readonly draft: Draft }) {
  const b = useBuilderT();
  const { draft } = props;
  usePageTitle(draft.code, b('builderTitle'));
  return <Editor key={draft.id} draft={draft} />;
}

/** The protocols page, titled (the builder's pages are never a bare "Suivi"). */
function Protocols() {
  const b = useBuilderT();
  usePageTitle(b('protocols'), b('builderTitle'));
  return <ProtocolsPage />;
}

export function BuilderPage() {
  const url = useLocation();
  const [, , id] = url.pathname.split('/');
  return <div className="builder">{id ? <DraftLoader id={decodeURIComponent(id)} /> : <Protocols />}</div>;
}
