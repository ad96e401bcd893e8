/**
 * A level's records on a map that stays smooth at 100k records: the server clusters them per tile
 * (`GET …/<level>/map`, runtime/records/operations/map.ts) and answers the records themselves only when
 * few are in a tile; Leaflet draws on a canvas. The map follows the table's filters (the same URL state,
 * table-state.ts) and the parent record it is shown under. Counts and state are exposed as data-*
 * attributes for tests (canvas shapes are no DOM elements).
 */
import './cluster-map.css';
import L from 'leaflet';
import { useEffect, useRef, useState } from 'react';
import { api, type LevelForms, levelUrl } from '../api.ts';
import { formatNumber, formatValue } from '../format.ts';
import { useT } from '../i18n.tsx';
import { createMap } from '../map-base.ts';
import type { ParentFilter } from './LevelTable.tsx';
import { type MapKey, mapText, useMapT } from './map-i18n.ts';
import { drawClusters, drawFeatures, type LayerTexts } from './map-layers.ts';
import { type Merged, tileLoader } from './map-loader.ts';
import { type MapAnswer, representativePoint } from './map-tiles.ts';
import { apiQuery } from './table-state.ts';
import { useTableFilters } from './table-state-events.ts';

/** What the tiles hold, and how many records of it are inside the map's frame (tiles reach beyond it). */
type Shown = Merged & { readonly visible: number };
/** While a new view loads, the last one stays drawn and counted (`view`). */
type Status =
  | { kind: 'loading'; view?: Shown }
  | { kind: 'failed'; message: string }
  | { kind: 'shown'; view: Shown };

const WORLD = '-180,-85,180,85';

export function ClusterMap(props: {
  module: string;
  level: string;
  forms: LevelForms;
  parent?: ParentFilter;
}) {
  const { module, level, forms } = props;
  const { lang } = useT();
  const mt = useMapT();
  const filters = useTableFilters(level);
  const query = String(
    apiQuery({ page: 1, sort: null, filters }, { level: props.parent?.level, id: props.parent?.id }),
  );
  const element = useRef<HTMLElement>(null);
  const map = useRef<L.Map | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'loading' });

  // The map itself, once per level: opened on the level's records (one request at a world zoom).
  useEffect(() => {
    if (!element.current) return;
    const created = createMap(element.current);
    map.current = created;
    return () => {
      map.current = null;
      created.remove();
    };
  }, []);

  // Each query (filters, parent) gets its loader, its cache and its layers.
  useEffect(() => {
    const current = map.current;
    if (!current) return;
    const base = `${levelUrl(module, level)}/map`;
    const suffix = query ? `&${query}` : '';
    const urlOf = (bbox: readonly number[], zoom: number) =>
      `${base}?bbox=${bbox.map((n) => n.toFixed(6)).join(',')}&zoom=${zoom}${suffix}`;
    const layer = L.layerGroup().addTo(current);
    const renderers = { svg: L.svg(), canvas: L.canvas() };
    const recordPath = (id: string) => `/m/${module}/${level}/${id}`;
    const text = (key: MapKey) => mapText(lang, key);
    const texts: LayerTexts = {
      count: (n) => `${formatNumber(n, lang)} ${text('records')} — ${text('zoomIn')}`,
      open: text('open'),
      fallback: (lang === 'en' ? forms.label?.en : undefined) ?? forms.label?.fr ?? level,
      label: (raw) =>
        forms.mapLabel && raw !== null ? formatValue(forms.mapLabel, raw, forms.schema, forms.ui, lang) : '',
    };
    const loader = tileLoader(current, urlOf, {
      loading: () =>
        setStatus((s) => ({ kind: 'loading', ...('view' in s && s.view ? { view: s.view } : {}) })),
      failed: (message) => setStatus({ kind: 'failed', message }),
      loaded(view) {
        layer.clearLayers();
        drawFeatures(layer, view.features, recordPath, texts, renderers);
        drawClusters(current, layer, view.clusters, recordPath, texts, (n) => formatNumber(n, lang));
        const frame = current.getBounds();
        const inFrame = (lon: number, lat: number) => frame.contains([lat, lon]);
        const visible =
          view.clusters.reduce((n, c) => n + (inFrame(c.lon, c.lat) ? c.count : 0), 0) +
          view.features.filter((f) => inFrame(...representativePoint(f.geometry))).length;
        setStatus({ kind: 'shown', view: { ...view, visible } });
      },
    });
    current.on('moveend', loader.schedule);
    let cancelled = false;
    // Open on the matching records: their extent from one request at a world-wide zoom.
    // Offline, the device's records answer (api.ts).
    (navigator.onLine
      ? fetch(`${base}?bbox=${WORLD}&zoom=2${suffix}`, { credentials: 'same-origin' }).then((r) =>
          r.ok ? (r.json() as Promise<MapAnswer>) : null,
        )
      : api.get<MapAnswer>(`${base}?bbox=${WORLD}&zoom=2${suffix}`)
    )
      .then((world) => {
        if (cancelled || !world) return;
        const bounds = L.latLngBounds([]);
        for (const c of world.clusters)
          bounds.extend([
            [c.bbox[1], c.bbox[0]],
            [c.bbox[3], c.bbox[2]],
          ]);
        for (const f of world.features) bounds.extend(L.geoJSON(f.geometry).getBounds());
        if (bounds.isValid()) current.fitBounds(bounds, { maxZoom: 15, padding: [20, 20] });
      })
      .catch(() => undefined)
      .finally(() => {
        if (!cancelled) loader.schedule();
      });
    return () => {
      cancelled = true;
      current.off('moveend', loader.schedule);
      loader.dispose();
      layer.remove();
    };
  }, [module, level, query, forms, lang]);

  const shown = status.kind === 'failed' ? undefined : status.view;
  return (
    <div className="cluster-map">
      <section
        ref={element}
        className="map"
        aria-label={mt('mapLabel')}
        data-testid={`map-${level}`}
        data-state={status.kind}
        data-total={shown?.total ?? ''}
        data-visible={shown?.visible ?? ''}
        data-clusters={shown?.clusters.length ?? ''}
        data-features={shown?.features.length ?? ''}
      />
      <p className="map-status" aria-live="polite" data-testid={`map-status-${level}`}>
        {status.kind === 'loading' && !shown ? mt('loading') : null}
        {status.kind === 'failed' ? `${mt('failed')} ${status.message}` : null}
        {shown
          ? `${formatNumber(shown.visible, lang)} ${mt('inView')}${Object.keys(filters).length > 0 ? ` (${mt('filtered')})` : ''}`
          : null}
      </p>
    </div>
  );
}
