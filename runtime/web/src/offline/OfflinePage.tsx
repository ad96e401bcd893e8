/**
 * "Take an area offline": a module, then its sites (checkboxes) or the current view of a map; the
 * estimate (records per level, bytes, map tiles up to a chosen zoom, within the limits of tiles.ts);
 * the download into this device (area.ts); and the areas already stored (StoredAreas.tsx).
 */
import './offline.css';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { ApiError, api, type Json, levelUrl, type ModuleSummary, type Page } from '../api.ts';
import { useAccount } from '../auth.tsx';
import { formatNumber } from '../format.ts';
import { useT } from '../i18n.tsx';
import { tileTemplate } from '../map-base.ts';
import { usePageTitle } from '../page-title.ts';
import { useForms } from '../pages/use-forms.ts';
import { may } from '../permissions.ts';
import { recordLabel } from '../record-label.ts';
import { downloadArea, type Estimate, estimateArea, extentOf, type Selection } from './area.ts';
import { useOfflineT } from './offline-i18n.ts';
import { megabytes, StoredAreas } from './StoredAreas.tsx';
import { type Bbox, BYTES_LIMIT, TILE_BYTES_ESTIMATE, TILE_LIMIT, tileCount, withinLimits } from './tiles.ts';

const AreaMap = lazy(() => import('./AreaMap.tsx').then((m) => ({ default: m.AreaMap })));

/** Around a point site: about a kilometre of map. */
const PAD = 0.01;
const padded = (b: Bbox): Bbox => [b[0] - PAD, b[1] - PAD, b[2] + PAD, b[3] + PAD];

function SiteChoice(props: {
  module: ModuleSummary;
  chosen: Set<string>;
  onChange: (sites: Json[]) => void;
}) {
  const { lang } = useT();
  const top = props.module.levels.find((l) => l.parents.length === 0);
  const forms = useForms(props.module.code, top?.key ?? '');
  const [sites, setSites] = useState<Json[]>([]);
  useEffect(() => {
    if (!top) return;
    void api
      .get<Page>(`${levelUrl(props.module.code, top.key)}?page_size=100`)
      .then((p) => setSites([...p.items]));
  }, [props.module.code, top]);
  const toggle = (id: string) => {
    const next = new Set(props.chosen);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    props.onChange(sites.filter((s) => next.has(String(s.id))));
  };
  return (
    <fieldset className="site-choice" data-testid="site-choice">
      <legend>{top ? (lang === 'en' ? (top.plural.en ?? top.plural.fr) : top.plural.fr) : ''}</legend>
      {sites.map((s) => (
        <label key={String(s.id)}>
          <input
            type="checkbox"
            checked={props.chosen.has(String(s.id))}
            onChange={() => toggle(String(s.id))}
          />
          {forms ? recordLabel(s, forms, lang) : String(s.id)}
        </label>
      ))}
    </fieldset>
  );
}

export function OfflinePage(props: { modules: readonly ModuleSummary[] }) {
  const t = useOfflineT();
  const { label, lang } = useT();
  const account = useAccount();
  usePageTitle(t('takeOffline'));
  const readable = props.modules.filter((m) => may(account, m.code, 'read'));
  const [code, setCode] = useState(readable[0]?.code ?? '');
  const module = readable.find((m) => m.code === code);
  const [mode, setMode] = useState<'sites' | 'map'>('sites');
  const [sites, setSites] = useState<Json[]>([]);
  const [view, setView] = useState<{ bbox: Bbox; zoom: number } | null>(null);
  const [name, setName] = useState('');
  const [maxZoom, setMaxZoom] = useState(14);
  const [estimate, setEstimate] = useState<Estimate | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [version, setVersion] = useState(0);
  const template = tileTemplate();
  const siteForms = useForms(code, module?.levels.find((l) => l.parents.length === 0)?.key ?? '');
  const selection: Selection | null =
    mode === 'sites'
      ? sites.length > 0
        ? { sites: sites.map((s) => String(s.id)) }
        : null
      : view
        ? { bbox: view.bbox }
        : null;
  const tileBox = useMemo(() => {
    if (mode === 'map') return view?.bbox ?? null;
    const extent = extentOf(sites);
    return extent ? padded(extent) : null;
  }, [mode, view, sites]);
  const tiles = template && tileBox ? tileCount(tileBox, maxZoom) : 0;
  const fits = withinLimits(tiles);
  // A new choice asks for a new estimate.
  // biome-ignore lint/correctness/useExhaustiveDependencies: cleared on any change of the choice
  useEffect(() => setEstimate(null), [code, mode, sites, view]);

  // Unnamed, an area is called after its sites (or says it is a map area).
  const defaultName =
    mode === 'map'
      ? t('byMap')
      : sites
          .slice(0, 3)
          .map((s) => (siteForms ? recordLabel(s, siteForms, lang) : String(s.id)))
          .join(', ') + (sites.length > 3 ? '…' : '');
  const ask = async () => {
    if (!module || !selection) return setMessage({ text: t('selectSites'), error: true });
    setMessage(null);
    try {
      setEstimate(await estimateArea(module.code, selection));
    } catch (e) {
      setMessage({ text: e instanceof ApiError ? e.message : String(e), error: true });
    }
  };
  const download = async () => {
    if (!module || !selection) return;
    setMessage(null);
    setBusy(t('downloading'));
    try {
      await downloadArea({
        module,
        selection,
        label: name.trim() || defaultName,
        tiles: template && tileBox && fits ? { template, maxZoom } : null,
        onProgress: (step, done, total) =>
          setBusy(`${t('downloading')} ${step === 'tiles' ? t('tiles') : t('records')} ${done}/${total}`),
      });
      setMessage({ text: t('downloaded'), error: false });
      setVersion((v) => v + 1);
    } catch (e) {
      setMessage({ text: e instanceof ApiError ? e.message : String(e), error: true });
    } finally {
      setBusy(null);
    }
  };
  return (
    <section className="offline-page">
      <h2>{t('takeOffline')}</h2>
      <p className="hint">{t('takeOfflineHint')}</p>
      <div className="offline-form">
        <label>
          {t('module')}
          <select value={code} onChange={(e) => setCode(e.target.value)}>
            {readable.map((m) => (
              <option key={m.code} value={m.code}>
                {label(m.label)}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="radios">
          <legend>{t('chooseBy')}</legend>
          <label>
            <input type="radio" name="mode" checked={mode === 'sites'} onChange={() => setMode('sites')} />
            {t('bySites')}
          </label>
          <label>
            <input type="radio" name="mode" checked={mode === 'map'} onChange={() => setMode('map')} />
            {t('byMap')}
          </label>
        </fieldset>
        {module && mode === 'sites' ? (
          <SiteChoice
            key={module.code}
            module={module}
            chosen={new Set(sites.map((s) => String(s.id)))}
            onChange={setSites}
          />
        ) : null}
        {mode === 'map' ? (
          <>
            <p className="hint">{t('mapViewHint')}</p>
            <Suspense fallback={<div className="map area-map" />}>
              <AreaMap label={t('byMap')} onView={(bbox, zoom) => setView({ bbox, zoom })} />
            </Suspense>
          </>
        ) : null}
        <label>
          {t('areaName')}
          <input value={name} placeholder={defaultName} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          {t('maxZoom')}
          <input
            type="number"
            min={0}
            max={19}
            value={maxZoom}
            onChange={(e) => setMaxZoom(Math.max(0, Math.min(19, Number(e.target.value) || 0)))}
          />
        </label>
        <div className="actions">
          <button type="button" onClick={() => void ask()} disabled={busy !== null}>
            {t('estimate')}
          </button>
          <button
            type="button"
            className="primary"
            onClick={() => void download()}
            disabled={busy !== null || !estimate || !fits}
          >
            {t('download')}
          </button>
        </div>
      </div>
      {estimate && module ? (
        <dl className="estimate" data-testid="estimate">
          {Object.entries(estimate.counts).map(([level, n]) => (
            <div key={level}>
              <dt>{label(module.levels.find((l) => l.key === level)?.plural) || level}</dt>
              <dd>{formatNumber(n, lang)}</dd>
            </div>
          ))}
          <div>
            <dt>{t('size')}</dt>
            <dd>{megabytes(estimate.size_bytes, lang)}</dd>
          </div>
          <div>
            <dt>{t('tiles')}</dt>
            <dd>
              {template
                ? `${formatNumber(tiles, lang)} (${t('aboutSize')} ${megabytes(tiles * TILE_BYTES_ESTIMATE, lang)})`
                : t('noTiles')}
            </dd>
          </div>
        </dl>
      ) : null}
      {!fits ? (
        <p className="text-danger" role="alert">
          {t('overLimit', { tiles: formatNumber(TILE_LIMIT, lang), mb: BYTES_LIMIT / 1024 / 1024 })}
        </p>
      ) : null}
      {busy ? <p role="status">{busy}</p> : null}
      {message ? (
        <p className={message.error ? 'text-danger' : 'notice'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      ) : null}
      <StoredAreas modules={props.modules} version={version} />
    </section>
  );
}
