/** The areas stored on this device, what each holds, the space used, and removing one. */
import { useCallback, useEffect, useState } from 'react';
import type { ModuleSummary } from '../api.ts';
import { formatDate, formatNumber } from '../format.ts';
import { useT } from '../i18n.tsx';
import { removeArea, storedAreas } from './area.ts';
import type { Area } from './db.ts';
import { useOfflineT } from './offline-i18n.ts';

/** A size as people read it: kilobytes under a megabyte, else megabytes with one decimal. */
export function megabytes(bytes: number, lang: 'fr' | 'en'): string {
  const [unit, size] =
    bytes < 1024 * 1024 ? (['k', bytes / 1024] as const) : (['M', bytes / 1024 / 1024] as const);
  return `${formatNumber(Math.round(size * 10) / 10, lang)} ${unit}${lang === 'fr' ? 'o' : 'B'}`;
}

export function StoredAreas(props: { modules: readonly ModuleSummary[]; version: number }) {
  const t = useOfflineT();
  const { label, lang, colon } = useT();
  const [areas, setAreas] = useState<Area[] | null>(null);
  const [space, setSpace] = useState<{ usage: number; quota: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    void storedAreas().then(setAreas);
    void navigator.storage
      ?.estimate()
      .then((e) => setSpace({ usage: e.usage ?? 0, quota: e.quota ?? 0 }))
      .catch(() => undefined);
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new download (version) lists again
  useEffect(reload, [reload, props.version]);
  const remove = async (area: Area) => {
    if (!window.confirm(t('removeAsk'))) return;
    setError((await removeArea(area.id)) === 'outbox_not_empty' ? t('outboxNotEmpty') : null);
    reload();
  };
  const levelLabel = (module: string, level: string) =>
    label(props.modules.find((m) => m.code === module)?.levels.find((l) => l.key === level)?.plural) || level;
  return (
    <section className="stored-areas" data-testid="stored-areas">
      <h3>{t('stored')}</h3>
      {space ? (
        <p data-testid="storage-used">
          {t('space')}
          {colon}
          {megabytes(space.usage, lang)} {t('of')} {megabytes(space.quota, lang)}
        </p>
      ) : null}
      {error ? (
        <p className="text-danger" role="alert">
          {error}
        </p>
      ) : null}
      {areas && areas.length === 0 ? <p>{t('noArea')}</p> : null}
      <ul className="areas">
        {(areas ?? []).map((area) => (
          <li key={area.id} data-testid="stored-area">
            <strong>{area.label}</strong> —{' '}
            {label(props.modules.find((m) => m.code === area.module)?.label) || area.module},{' '}
            {formatDate(area.created_at, lang)}
            <ul>
              {Object.entries(area.counts).map(([level, n]) => (
                <li key={level}>
                  {levelLabel(area.module, level)}
                  {colon}
                  {formatNumber(n, lang)}
                </li>
              ))}
              <li>
                {t('size')}
                {colon}
                {megabytes(area.size_bytes, lang)}
              </li>
              <li>
                {t('tiles')}
                {colon}
                {formatNumber(area.tiles.count, lang)} ({megabytes(area.tiles.bytes, lang)}, zoom ≤{' '}
                {area.tiles.max_zoom})
              </li>
            </ul>
            <button type="button" onClick={() => void remove(area)}>
              {t('remove')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
