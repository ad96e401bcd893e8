/**
 * Drawing a merged set of tile answers on a Leaflet map (canvas renderer): a circle with its count per
 * cluster, clicked to zoom into the cluster's records; one record alone, and every feature, as canvas
 * shapes with a popup naming the record and linking to its page. Texts are set as text, never as HTML.
 */
import L from 'leaflet';
import { pointStyle } from '../map-base.ts';
import { navigate } from '../router.ts';
import type { MapCluster, MapFeature } from './map-tiles.ts';

export interface LayerTexts {
  /** A cluster's accessible name: "12 records". */
  readonly count: (n: number) => string;
  readonly open: string;
  /** The name of a record whose label is unknown: the level's label. */
  readonly fallback: string;
  readonly label: (raw: string | null) => string;
}

function popup(recordPath: string, name: string, texts: LayerTexts): HTMLElement {
  const box = document.createElement('div');
  box.className = 'map-popup';
  const title = document.createElement('strong');
  title.textContent = name;
  const link = document.createElement('a');
  link.href = recordPath;
  link.textContent = texts.open;
  link.addEventListener('click', (event) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey) return;
    event.preventDefault();
    navigate(recordPath);
  });
  box.append(title, document.createElement('br'), link);
  return box;
}

/** Zooms into a cluster: to its records' box, at least one level deeper. */
function zoomInto(map: L.Map, cluster: MapCluster): void {
  const [minx, miny, maxx, maxy] = cluster.bbox;
  const bounds = L.latLngBounds([miny, minx], [maxy, maxx]);
  const fitted = minx === maxx && miny === maxy ? map.getMaxZoom() : map.getBoundsZoom(bounds.pad(0.1));
  const zoom = Math.min(map.getMaxZoom(), Math.max(map.getZoom() + 1, fitted));
  map.setView(bounds.getCenter(), zoom);
}

function clusterIcon(count: number, text: string): L.DivIcon {
  const size = count < 10 ? 26 : count < 100 ? 32 : count < 1000 ? 38 : 46;
  // The count is a number formatted by us: no record text enters this HTML.
  return L.divIcon({ className: 'cluster-icon', html: text, iconSize: [size, size] });
}

export function drawClusters(
  map: L.Map,
  layer: L.LayerGroup,
  clusters: readonly MapCluster[],
  recordPath: (id: string) => string,
  texts: LayerTexts,
  formatCount: (n: number) => string,
): void {
  for (const cluster of clusters) {
    const at: L.LatLngExpression = [cluster.lat, cluster.lon];
    if (cluster.count === 1 && cluster.id) {
      L.circleMarker(at, pointStyle)
        .bindPopup(popup(recordPath(cluster.id), texts.fallback, texts))
        .addTo(layer);
      continue;
    }
    const marker = L.marker(at, {
      icon: clusterIcon(cluster.count, formatCount(cluster.count)),
      title: texts.count(cluster.count),
      alt: texts.count(cluster.count),
      keyboard: true,
    });
    marker.on('click', () => zoomInto(map, cluster));
    marker.on('keypress', (event: L.LeafletKeyboardEvent) => {
      if (event.originalEvent.key === 'Enter') zoomInto(map, cluster);
    });
    marker.addTo(layer);
  }
}

export function drawFeatures(
  layer: L.LayerGroup,
  features: readonly MapFeature[],
  recordPath: (id: string) => string,
  texts: LayerTexts,
): void {
  const collection: GeoJSON.FeatureCollection = {
    type: 'FeatureCollection',
    features: features.map((f) => ({
      type: 'Feature',
      id: f.id,
      geometry: f.geometry,
      properties: { label: f.label },
    })),
  };
  L.geoJSON(collection, {
    style: { color: pointStyle.color ?? '#2f6b3a', weight: 2, fillOpacity: 0.25 },
    pointToLayer: (_feature, latlng) => L.circleMarker(latlng, pointStyle),
    onEachFeature: (feature, shape) => {
      const id = String(feature.id);
      const name = texts.label((feature.properties as { label: string | null }).label) || texts.fallback;
      shape.bindPopup(popup(recordPath(id), name, texts));
    },
  }).addTo(layer);
}
