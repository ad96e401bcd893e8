/**
 * The `map` ui:field: place a point by clicking, or draw a line / polygon click by click. The value is a
 * GeoJSON geometry; the allowed kinds come from ui:options.geometry (point, line, polygon or any).
 */
import type { FieldProps } from '@rjsf/utils';
import L from 'leaflet';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n.tsx';
import { createMap, pointStyle } from '../map-base.ts';
import { rememberFix } from '../offline/gps.ts';

type Mode = 'Point' | 'LineString' | 'Polygon';
type Position = [number, number];
interface Geometry {
  type: string;
  coordinates: unknown;
}

const MODES: Readonly<Record<string, readonly Mode[]>> = {
  point: ['Point'],
  line: ['LineString'],
  polygon: ['Polygon'],
  any: ['Point', 'LineString', 'Polygon'],
};

function vertices(g: Geometry | undefined): Position[] {
  if (!g) return [];
  if (g.type === 'Point') return [g.coordinates as Position];
  if (g.type === 'LineString') return g.coordinates as Position[];
  if (g.type === 'Polygon') return ((g.coordinates as Position[][])[0] ?? []).slice(0, -1);
  return [];
}

function geometry(mode: Mode, points: Position[]): Geometry | undefined {
  if (points.length === 0) return undefined;
  if (mode === 'Point') return { type: 'Point', coordinates: points[points.length - 1] };
  if (mode === 'LineString')
    return points.length >= 2 ? { type: 'LineString', coordinates: points } : undefined;
  return points.length >= 3
    ? { type: 'Polygon', coordinates: [[...points, points[0] as Position]] }
    : undefined;
}

export function MapField(props: FieldProps) {
  const { t } = useT();
  const options = (props.uiSchema?.['ui:options'] ?? {}) as { geometry?: string };
  const modes = MODES[options.geometry ?? 'any'] ?? MODES.any ?? [];
  const value = props.formData as Geometry | undefined;
  const [mode, setMode] = useState<Mode>((value?.type as Mode) ?? modes[0] ?? 'Point');
  const [points, setPoints] = useState<Position[]>(() => vertices(value));
  const element = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layer = useRef<L.LayerGroup | null>(null);
  // The click handler is bound once; it reads the current mode and points through this ref.
  const state = useRef({ mode, points });
  state.current = { mode, points };
  const { onChange, fieldPathId } = props;

  const update = (next: Position[], nextMode = state.current.mode) => {
    setPoints(next);
    onChange(geometry(nextMode, next), fieldPathId.path);
  };
  const updateRef = useRef(update);
  updateRef.current = update;
  // "My position": the device's GPS fix, its accuracy shown here and kept with the offline change.
  const [fix, setFix] = useState<
    { state: 'locating' } | { state: 'fixed'; accuracy: number } | { state: 'failed'; message: string } | null
  >(null);
  const locate = () => {
    setFix({ state: 'locating' });
    navigator.geolocation.getCurrentPosition(
      (p) => {
        const at: Position = [Number(p.coords.longitude.toFixed(7)), Number(p.coords.latitude.toFixed(7))];
        rememberFix({ coordinates: at, accuracy_m: p.coords.accuracy });
        setFix({ state: 'fixed', accuracy: p.coords.accuracy });
        update(mode === 'Point' ? [at] : [...points, at]);
        map.current?.setView([at[1], at[0]], Math.max(map.current.getZoom(), 15));
      },
      (e) => setFix({ state: 'failed', message: e.message }),
      { enableHighAccuracy: true, timeout: 30_000, maximumAge: 10_000 },
    );
  };

  // The map is created once per field; later values are drawn by the effect below.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the initial value only centres the new map
  useEffect(() => {
    if (!element.current) return;
    const m = createMap(element.current);
    map.current = m;
    layer.current = L.layerGroup().addTo(m);
    m.on('click', (e: L.LeafletMouseEvent) => {
      const p: Position = [Number(e.latlng.lng.toFixed(7)), Number(e.latlng.lat.toFixed(7))];
      const { mode: current, points: before } = state.current;
      updateRef.current(current === 'Point' ? [p] : [...before, p]);
    });
    const start = vertices(value);
    if (start.length > 0) m.setView([start[0]?.[1] ?? 46.6, start[0]?.[0] ?? 2.4], 14);
    return () => {
      m.remove();
      map.current = null;
    };
  }, []);

  useEffect(() => {
    const group = layer.current;
    if (!group) return;
    group.clearLayers();
    const latlngs = points.map(([x, y]) => L.latLng(y, x));
    if (mode === 'Polygon' && latlngs.length >= 3) L.polygon(latlngs).addTo(group);
    else if (mode !== 'Point' && latlngs.length >= 2) L.polyline(latlngs).addTo(group);
    for (const ll of latlngs) L.circleMarker(ll, pointStyle).addTo(group);
  }, [points, mode]);

  return (
    <fieldset className="map-field" id={fieldPathId.$id}>
      <legend>
        {props.schema.title ?? props.name}
        {props.required ? ' *' : ''}
      </legend>
      <div className="map-tools">
        {modes.map((m) => (
          <button
            key={m}
            type="button"
            className={m === mode ? 'active' : ''}
            onClick={() => {
              setMode(m);
              update(m === 'Point' ? points.slice(-1) : points, m);
            }}
          >
            {t(m === 'Point' ? 'point' : m === 'LineString' ? 'line' : 'polygon')}
          </button>
        ))}
        <button type="button" onClick={() => update([])}>
          {t('clear')}
        </button>
        {'geolocation' in navigator ? (
          <button
            type="button"
            onClick={locate}
            disabled={fix?.state === 'locating'}
            data-testid="my-position"
          >
            {t('myPosition')}
          </button>
        ) : null}
        {fix?.state === 'fixed' ? (
          <span className="hint" data-testid="gps-accuracy">
            {t('gpsAccuracy').replace('{m}', String(Math.round(fix.accuracy)))}
          </span>
        ) : fix?.state === 'failed' ? (
          <span className="text-danger">
            {t('noPosition')} {fix.message}
          </span>
        ) : null}
        <span className="hint">{t('clickMap')}</span>
      </div>
      <div ref={element} className="map small-map" data-testid="geometry-map" />
      {(props.errorSchema?.__errors?.length ?? 0) > 0 ? (
        <ul className="error-detail">
          {(props.errorSchema?.__errors ?? []).map((e) => (
            <li key={e} className="text-danger">
              {e}
            </li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}
