/** A record's own geometry on a small Leaflet map, centred on it (a lazy chunk, as every map). */
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { createMap, pointStyle } from '../map-base.ts';

export function GeometryMap(props: { geometry: GeoJSON.Geometry; label: string }) {
  const element = useRef<HTMLDivElement>(null);
  const { geometry } = props;
  useEffect(() => {
    if (!element.current) return;
    const map = createMap(element.current);
    const layer = L.geoJSON(geometry, {
      pointToLayer: (_f, latlng) => L.circleMarker(latlng, pointStyle),
    }).addTo(map);
    const bounds = layer.getBounds();
    if (bounds.isValid()) map.fitBounds(bounds, { maxZoom: 16, padding: [20, 20] });
    return () => {
      map.remove();
    };
  }, [geometry]);
  return (
    // No role="img": Leaflet puts its zoom buttons inside, and an image holds no controls.
    <div ref={element} className="map geometry-map" title={props.label} data-testid="record-geometry-map" />
  );
}
