/** The records of a level on a Leaflet map, from its GeoJSON route; clicking a feature opens the record. */
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { api, levelUrl } from '../api.ts';
import { createMap, pointStyle } from '../map-base.ts';
import { navigate } from '../router.ts';
import type { ParentFilter } from './LevelTable.tsx';

interface Feature {
  id?: string | number;
  properties?: Record<string, unknown> | null;
}

export function RecordMap(props: { module: string; level: string; parent?: ParentFilter }) {
  const { module, level } = props;
  const parentLevel = props.parent?.level;
  const parentId = props.parent?.id;
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return;
    const map = createMap(element.current);
    let cancelled = false;
    const query = parentLevel && parentId ? `?${parentLevel}_id=${encodeURIComponent(parentId)}` : '';
    api.get<GeoJSON.FeatureCollection>(`${levelUrl(module, level)}.geojson${query}`).then(
      (collection) => {
        if (cancelled) return;
        const layer = L.geoJSON(collection, {
          pointToLayer: (_f, latlng) => L.circleMarker(latlng, pointStyle),
          onEachFeature: (feature: Feature, l) => {
            const id = feature.id ?? feature.properties?.id;
            l.on('click', () => navigate(`/m/${module}/${level}/${String(id)}`));
          },
        }).addTo(map);
        const bounds = layer.getBounds();
        if (bounds.isValid()) map.fitBounds(bounds, { maxZoom: 15, padding: [20, 20] });
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
      map.remove();
    };
  }, [module, level, parentLevel, parentId]);
  return <div ref={element} className="map" data-testid={`map-${level}`} />;
}
