/**
 * Drawing a merged set of tile answers on a Leaflet map: a circle with its count per cluster, clicked
 * to zoom into the cluster's records; one record alone, and every feature, as a shape naming the record
 * on hover and opening it on click (SVG while few, one canvas beyond). Texts are set as text, never HTML.
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

/** A tooltip naming the record, set as text (a label is user data, never HTML). */
function nameTip(name: string, texts: LayerTexts): HTMLElement {
  const tip = document.createElement('span');
  tip.textContent = `${name} — ${texts.open}`;
  return tip;
}

/** A shape that names its record on hover and opens it on click (or Enter, for SVG shapes). */
function linkShape(shape: L.Layer, recordPath: string, name: string, texts: LayerTexts): void {
  shape.bindTooltip(nameTip(name, texts));
  shape.on('click', () => navigate(recordPath));
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
      const dot = L.circleMarker(at, pointStyle);
      linkShape(dot, recordPath(cluster.id), texts.fallback, texts);
      dot.addTo(layer);
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

/** Up to this many features are SVG shapes (DOM elements a test or a script can reach); more, canvas. */
export const SVG_FEATURES = 200;

export function drawFeatures(
  layer: L.LayerGroup,
  features: readonly MapFeature[],
  recordPath: (id: string) => string,
  texts: LayerTexts,
  renderers: { readonly svg: L.Renderer; readonly canvas: L.Renderer },
): void {
  const renderer = features.length <= SVG_FEATURES ? renderers.svg : renderers.canvas;
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
    style: { color: pointStyle.color ?? '#2f6b3a', weight: 2, fillOpacity: 0.25, renderer },
    pointToLayer: (_feature, latlng) => L.circleMarker(latlng, { ...pointStyle, renderer }),
    onEachFeature: (feature, shape) => {
      const name = texts.label((feature.properties as { label: string | null }).label) || texts.fallback;
      linkShape(shape, recordPath(String(feature.id)), name, texts);
    },
  }).addTo(layer);
}
