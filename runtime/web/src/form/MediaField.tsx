/**
 * The `media` widget: a list of `{ storage_key, title?, author? }`. Chosen files are uploaded one by one
 * to `POST /api/media` (with a progress bar: XMLHttpRequest reports upload progress, fetch does not),
 * and the answer's storage_key, file_name and mime_type join the list; images show a thumbnail, other
 * files a link. The file input honours the field's `accept`; no more than `maxFiles` can be chosen. The
 * server decides the type from the bytes and checks it again when the record is saved.
 * Offline (or when the upload cannot reach the server), the file is kept on the device instead
 * (offline/media-queue.ts, loaded then only) and uploaded at sync, before the record naming it.
 */
import type { WidgetProps } from '@rjsf/utils';
import { useState } from 'react';
import type { ApiProblem } from '../api.ts';
import { useT } from '../i18n.tsx';

interface MediaItem {
  storage_key: string;
  file_name?: string;
  mime_type?: string;
  title?: string;
  author?: string;
  url?: string;
}

const urlOf = (m: MediaItem) => m.url ?? `/api/media/${encodeURIComponent(m.storage_key)}`;

class NoNetwork extends Error {}

/** Keeps the file on this device until the sync uploads it. */
async function queue(file: File): Promise<MediaItem> {
  const { queueMedia } = await import('../offline/media-queue.ts');
  return queueMedia(file);
}

/** Uploads one file, or queues it without network; rejects with the server's message. */
async function store(file: File, onProgress: (fraction: number) => void): Promise<MediaItem> {
  if (!navigator.onLine) return queue(file);
  try {
    return await upload(file, onProgress);
  } catch (error) {
    if (error instanceof NoNetwork) return queue(file);
    throw error;
  }
}

/** Uploads one file; resolves with the stored file, rejects with the server's message. */
function upload(file: File, onProgress: (fraction: number) => void): Promise<MediaItem> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/media');
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onerror = () => reject(new NoNetwork(`${file.name}: network error`));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // A body that is not JSON: the status says enough.
      }
      if (xhr.status === 201) resolve(body as MediaItem);
      else {
        const problems = Array.isArray(body) ? (body as ApiProblem[]) : [];
        reject(new Error(`${file.name}: ${problems[0]?.message ?? `HTTP ${xhr.status}`}`));
      }
    };
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}

export function MediaWidget(props: WidgetProps) {
  const { t } = useT();
  const { id, value, onChange, disabled, readonly } = props;
  const options = props.options as { accept?: string[]; maxFiles?: number };
  const maxFiles = options.maxFiles ?? 10;
  const items = (Array.isArray(value) ? value : []) as MediaItem[];
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const set = (next: MediaItem[]) => onChange(next.length > 0 ? next : undefined);
  const edit = (i: number, key: 'title' | 'author', text: string) =>
    set(items.map((m, j) => (j === i ? { ...m, [key]: text === '' ? undefined : text } : m)));

  const choose = async (files: FileList | null) => {
    if (!files || files.length === 0) return;
    setError(null);
    const room = maxFiles - items.length;
    const chosen = Array.from(files).slice(0, Math.max(room, 0));
    if (files.length > room) setError(t('tooManyFiles').replace('{n}', String(maxFiles)));
    const added: MediaItem[] = [];
    try {
      for (const [i, file] of chosen.entries()) {
        setProgress(i / chosen.length);
        const stored = await store(file, (f) => setProgress((i + f) / chosen.length));
        added.push({
          storage_key: stored.storage_key,
          file_name: stored.file_name,
          mime_type: stored.mime_type,
        });
      }
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setProgress(null);
      if (added.length > 0) set([...items, ...added]);
    }
  };

  const locked = disabled || readonly || progress !== null;
  return (
    <div className="media-field" id={id}>
      {items.map((m, i) => (
        <div className="media-item" key={m.storage_key}>
          {m.mime_type?.startsWith('image/') ? (
            <a href={urlOf(m)} target="_blank" rel="noreferrer">
              <img src={urlOf(m)} alt={m.title ?? m.file_name ?? ''} width={96} />
            </a>
          ) : (
            <a href={urlOf(m)} target="_blank" rel="noreferrer">
              {m.file_name ?? m.storage_key}
            </a>
          )}
          <input
            aria-label={t('mediaTitle')}
            placeholder={t('mediaTitle')}
            value={m.title ?? ''}
            disabled={disabled || readonly}
            onChange={(e) => edit(i, 'title', e.target.value)}
          />
          <input
            aria-label={t('mediaAuthor')}
            placeholder={t('mediaAuthor')}
            value={m.author ?? ''}
            disabled={disabled || readonly}
            onChange={(e) => edit(i, 'author', e.target.value)}
          />
          <button type="button" disabled={locked} onClick={() => set(items.filter((_, j) => j !== i))}>
            {t('remove')}
          </button>
        </div>
      ))}
      {items.length < maxFiles ? (
        // The browser's own file button speaks the browser's language: ours speaks the app's.
        <label className={`file-button${locked ? ' disabled' : ''}`}>
          <input
            type="file"
            className="visually-hidden"
            aria-label={t('chooseFiles')}
            accept={(options.accept ?? []).join(',') || undefined}
            multiple={maxFiles - items.length > 1}
            disabled={locked}
            onChange={(e) => {
              void choose(e.target.files);
              e.target.value = '';
            }}
          />
          {t('chooseFiles')}
        </label>
      ) : null}
      {progress !== null ? (
        <progress aria-label={t('uploading')} value={progress} max={1}>
          {t('uploading')}
        </progress>
      ) : null}
      {error ? <p className="error">{error}</p> : null}
    </div>
  );
}
